package dev.composeguard.guard;

import dev.composeguard.core.CallContext;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the steps of one guarded call share.
 *
 * @param call      the call's streams, environment and argv
 * @param real      the compose that will run
 * @param project   the loaded project, or null when it could not be loaded
 * @param loadError why it could not be loaded (null when it was); destructive steps fail closed on it
 * @param held      what a step keeps until compose has finished (the project lock of a destructive call)
 * @param commandFlags flags a step adds right after compose's subcommand (the {@code -y} that answers compose's own
 *                  volume question after the guard's consent and backup)
 * @param consent   what the steps need a human to accept; asked once, after the last step
 * @param rules     the project's rule configuration, read once for every step that runs rules
 */
public record GuardedContext(CallContext call, RealCompose real, Project project, ProjectLoadException loadError,
        List<AutoCloseable> held, List<String> commandFlags, ConsentPlan consent, RuleSettings rules) {

    public GuardedContext(CallContext call, RealCompose real, Project project, ProjectLoadException loadError) {
        this(call, real, project, loadError, new ArrayList<>(), new ArrayList<>(), new ConsentPlan(), new RuleSettings());
    }

    /** The project's {@code .compose-guard.yml} (defaults when there is none or it is broken; said once). */
    public dev.composeguard.rules.RuleConfig ruleConfig() {
        return rules.of(this);
    }

    /** Adds {@code flag} after the subcommand of the argv compose receives. */
    public void addCommandFlag(String flag) {
        commandFlags.add(flag);
    }

    /** The call compose receives: the user's argv, plus the flags steps added after the subcommand. */
    public dev.composeguard.invocation.Invocation invocationForCompose() {
        var inv = call.invocation();
        if (commandFlags.isEmpty()) {
            return inv;
        }
        List<String> argv = new ArrayList<>(inv.argv());
        argv.addAll(argv.size() - inv.commandArgs().size(), commandFlags);
        List<String> args = new ArrayList<>(commandFlags);
        args.addAll(inv.commandArgs());
        return new dev.composeguard.invocation.Invocation(argv, inv.pluginMode(), inv.composeStart(), inv.global(),
                inv.command(), args, inv.kind());
    }

    /**
     * Keeps {@code resource} until compose has finished, then closes it. A call that holds anything runs compose as
     * a child of the guard's JVM instead of handing the process over, so that the resource lives as long as compose.
     */
    public void holdUntilComposeEnds(AutoCloseable resource) {
        held.add(resource);
    }

    public String command() {
        return call.invocation().command();
    }
}
