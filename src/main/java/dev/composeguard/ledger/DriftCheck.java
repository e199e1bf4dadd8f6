package dev.composeguard.ledger;

import dev.composeguard.cli.CallContext;
import dev.composeguard.guard.GuardedContext;
import dev.composeguard.guard.Step;

/** Engine-aware drift checks before up/create/run, and the deploy ledger after up. Not implemented yet. */
public final class DriftCheck implements Step {
    @Override
    public void before(GuardedContext ctx) {
        // filled in by the drift issue
    }

    /** True when the call needs {@link #afterCompose} once compose has exited (a deploy: {@code up}). */
    public static boolean wantsAfterCompose(CallContext call) {
        return "up".equals(call.invocation().command());
    }

    /** Records a successful deploy; called after compose has exited. */
    public static void afterCompose(CallContext call, int composeExitCode) {
        // filled in by the drift issue
    }
}
