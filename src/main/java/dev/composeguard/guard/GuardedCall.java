package dev.composeguard.guard;

import dev.composeguard.cli.CallContext;
import dev.composeguard.exec.Handoff;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.project.Project;
import dev.composeguard.cli.Projects;
import dev.composeguard.project.ProjectLoadException;
import java.util.List;

/**
 * A compose call that may create or delete data (up, down, rm, run …): load the project, run every step, then
 * hand over. A step that refuses ends the call before compose runs.
 */
public final class GuardedCall {

    private GuardedCall() {
    }

    /** The steps, in order: cheap file-only checks first, engine checks next, the destructive guard last. */
    static List<Step> steps() {
        return List.of(
                new dev.composeguard.lint.PreflightLint(),
                new dev.composeguard.ledger.DriftCheck(),
                new DestructiveGuard());
    }

    public static int run(CallContext call) {
        RealCompose real = call.composeFinder().find();
        Project project = null;
        ProjectLoadException error = null;
        try {
            project = Projects.load(call, real);
        } catch (ProjectLoadException e) {
            error = e;
        }
        if (error != null) {
            // Said once, here: the steps that need the project skip it, and the destructive guard refuses without it.
            call.say("warning: " + error.oneLine() + " (checks that need the project are skipped)");
        }
        GuardedContext ctx = new GuardedContext(call, real, project, error);
        for (Step step : steps()) {
            step.before(ctx);
        }
        if (!ctx.held().isEmpty()) {
            // A step holds something (the project lock of a destructive call) that must live as long as compose:
            // compose runs as our child instead of replacing the launcher's process.
            try {
                int rc = Handoff.runHere(ctx.invocationForCompose(), real, call.env(), call.cwd());
                return dev.composeguard.ledger.DriftCheck.wantsAfterCompose(call) ? afterCompose(call, rc) : rc;
            } finally {
                release(ctx);
            }
        }
        if (dev.composeguard.ledger.DriftCheck.wantsAfterCompose(call)) {
            // Post-run hooks (the deploy ledger after up): the launcher runs compose and calls us back.
            return Handoff.runThen(call.invocation(), real, call.env(), call.cwd(), rc -> afterCompose(call, rc));
        }
        return Handoff.run(call.invocation(), real, call.env(), call.cwd());
    }

    private static void release(GuardedContext ctx) {
        for (AutoCloseable r : ctx.held()) {
            try {
                r.close();
            } catch (Exception e) {
                ctx.call().say("warning: " + e.getMessage());
            }
        }
    }

    /**
     * Runs after compose has finished, when the launcher reports compose's exit code back (post-run hooks such as
     * the deploy ledger). Returns compose's exit code unchanged: a hook never changes the outcome of compose.
     */
    public static int afterCompose(CallContext call, int composeExitCode) {
        try {
            dev.composeguard.ledger.DriftCheck.afterCompose(call, composeExitCode);
        } catch (RuntimeException e) {
            call.say("warning: could not record the deploy: " + e.getMessage());
        }
        return composeExitCode;
    }
}
