package dev.composeguard.guard;

import dev.composeguard.cli.CallContext;
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
 * @param consent   what the steps need a human to accept; asked once, after the last step
 */
public record GuardedContext(CallContext call, RealCompose real, Project project, ProjectLoadException loadError,
        List<AutoCloseable> held, ConsentPlan consent) {

    public GuardedContext(CallContext call, RealCompose real, Project project, ProjectLoadException loadError) {
        this(call, real, project, loadError, new ArrayList<>(), new ConsentPlan());
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
