package dev.composeguard.lint;

import dev.composeguard.guard.GuardedContext;
import dev.composeguard.guard.Step;

/** Runs the lint rules before up/create/run/… and prints findings on stderr. Not implemented yet. */
public final class PreflightLint implements Step {
    @Override
    public void before(GuardedContext ctx) {
        // filled in by the lint issue
    }
}
