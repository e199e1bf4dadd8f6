package dev.composeguard.guard;

/**
 * One check that runs before a guarded compose call (lint findings, engine drift checks, the destructive-call
 * guard). A step either returns (the call may go on) or throws a {@link dev.composeguard.core.GuardException}
 * (the call is refused, with the exit code the exception carries). Steps speak on stderr only.
 */
public interface Step {
    void before(GuardedContext ctx);
}
