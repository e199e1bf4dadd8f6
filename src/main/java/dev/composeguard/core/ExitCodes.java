package dev.composeguard.core;

/**
 * Every exit code the guard itself can produce, in one place (docs/EXIT-CODES.md mirrors this).
 * When the guard hands over to the real compose, the process exits with compose's own code instead:
 * the guard's codes only ever describe the guard's own verdict.
 */
public final class ExitCodes {
    /** Success, or (for lint) no finding at or above --fail-on. */
    public static final int OK = 0;
    /** Findings at or above the threshold (lint, doctor), or a stale backup (backups check). */
    public static final int FINDINGS = 1;
    /** Usage error or bad input: unknown guard option, broken YAML, missing file, unset required variable. */
    public static final int USAGE = 2;
    /** A destructive or risky command was refused: no human confirmation and no matching COMPOSE_GUARD_CONFIRM. */
    public static final int REFUSED = 3;
    /** A backup could not be completed or verified (or its directory is not safe), so nothing was deleted. */
    public static final int BACKUP_FAILED = 4;
    /** The Docker Engine could not be reached, or not the one compose would use, when the guard needed it. */
    public static final int ENGINE_UNAVAILABLE = 5;
    /** The real compose could not be found, or the only candidates were the guard itself (recursion). */
    public static final int COMPOSE_NOT_FOUND = 6;
    /** Another guard holds the project's lock for a destructive operation. */
    public static final int LOCKED = 7;
    /**
     * The off-host repository (restic) could not be used: unreachable, not initialised, wrong password, restic
     * missing. Nothing was deleted.
     */
    public static final int REPOSITORY_UNAVAILABLE = 8;
    /** A bug in the guard: an unexpected exception. Nothing destructive ran. */
    public static final int INTERNAL = 70;
    /** Interrupted by SIGINT before handing over (128 + 2, as shells report it). */
    public static final int INTERRUPTED = 130;
    /** Terminated by SIGTERM before handing over (128 + 15); a partial backup is removed, nothing was deleted. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
