package dev.composeguard.cli;

import dev.composeguard.invocation.Invocation;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything one call of the guard reads from its surroundings, passed explicitly so that tests run the whole
 * CLI in-process with their own streams, environment and working directory.
 *
 * @param invocation the parsed argv
 * @param env        the process environment
 * @param cwd        the working directory (absolute)
 * @param in         stdin (belongs to compose: the guard never reads it, except for {@code -f -})
 * @param out        stdout (only guard commands such as lint and explain write here)
 * @param err        stderr (everything the guard says around a compose call)
 */
public record CallContext(Invocation invocation, Map<String, String> env, Path cwd, InputStream in, PrintStream out,
        PrintStream err) {

    /** One line on stderr, prefixed so that it is never mistaken for compose's own output. */
    public void say(String message) {
        err.println("compose-guard: " + message);
    }
}
