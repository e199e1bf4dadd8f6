package dev.composeguard.engine;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;

/** The Docker Engine could not be reached or answered with an error; destructive calls fail closed on it. */
public class EngineUnavailableException extends GuardException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(ExitCodes.ENGINE_UNAVAILABLE, message, cause);
    }
}
