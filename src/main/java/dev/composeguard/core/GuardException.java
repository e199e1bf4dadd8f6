package dev.composeguard.core;

/**
 * An error the guard reports as one line on stderr and turns into an exit code; never a stack trace.
 * Deep code throws it to abort cleanly (the jbang ExitException pattern).
 */
public class GuardException extends RuntimeException {
    private final int exitCode;

    public GuardException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public GuardException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
