package dev.composeguard.guard;

import dev.composeguard.exec.RealComposeFinder;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.exec.Handoff;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.project.Project;
import dev.composeguard.exec.Projects;
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
                new dev.composeguard.guard.PreflightLint(),
                new dev.composeguard.guard.DriftCheck(),
                new DestructiveGuard());
    }

    public static int run(CallContext call) {
        RealCompose real = RealComposeFinder.of(call).find();
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
        try {
            for (Step step : steps()) {
                step.before(ctx);
            }
            askOnce(ctx);
        } catch (RuntimeException | Error e) {
            release(ctx); // refused or failed: the project lock goes now, nothing was deleted
            throw e;
        }
        if (!ctx.held().isEmpty()) {
            // A step holds something (the project lock of a destructive call) that must live as long as compose:
            // compose runs as our child instead of replacing the launcher's process.
            try {
                int rc = Handoff.runHere(ctx.invocationForCompose(), real, call.env(), call.cwd());
                return dev.composeguard.guard.DriftCheck.wantsAfterCompose(call) ? afterCompose(call, rc) : rc;
            } finally {
                release(ctx);
            }
        }
        if (dev.composeguard.guard.DriftCheck.wantsAfterCompose(call)) {
            // Post-run hooks (the deploy ledger after up): the launcher runs compose and calls us back.
            return Handoff.runThen(call.invocation(), real, call.env(), call.cwd(), rc -> afterCompose(call, rc));
        }
        return Handoff.run(call.invocation(), real, call.env(), call.cwd());
    }

    /**
     * The one question of the call: everything the steps added to {@link GuardedContext#consent()} is shown once and
     * one typed project name (or {@code COMPOSE_GUARD_CONFIRM}) accepts all of it. The single consent point of a
     * guarded call. Returns when confirmed (or nothing needed consent); throws REFUSED otherwise.
     */
    public static void askOnce(GuardedContext ctx) {
        ConsentPlan plan = ctx.consent();
        if (plan.isEmpty()) {
            return;
        }
        dev.composeguard.prompt.Consent.Answer a = dev.composeguard.prompt.Consent.of(ctx.call())
                .ask(plan.lines(), plan.word());
        if (a.yes()) {
            ctx.call().say(a.why() + "; going on with " + ctx.command() + " of project " + plan.word());
            plan.confirmed();
            return;
        }
        throw new GuardException(ExitCodes.REFUSED, "refusing " + ctx.command() + " of project " + plan.word() + ": "
                + plan.refusals() + "; " + a.why() + "; nothing was deleted"
                + (plan.backup() == null ? "" : " (the backup is kept at " + plan.backup() + ")")
                + ". To proceed, " + dev.composeguard.prompt.Consent.hint(plan.word()));
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
            dev.composeguard.guard.DriftCheck.afterCompose(call, composeExitCode);
        } catch (RuntimeException e) {
            call.say("warning: could not record the deploy: " + e.getMessage());
        }
        return composeExitCode;
    }
}
