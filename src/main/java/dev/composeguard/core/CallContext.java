package dev.composeguard.core;

import dev.composeguard.invocation.Invocation;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
 * @param systemPluginDirs the docker CLI's system plugin directories, searched after the user's (a part of the
 *                   machine like env and cwd: tests pass their own, so what is installed here never leaks in)
 */
public record CallContext(Invocation invocation, Map<String, String> env, Path cwd, InputStream in, PrintStream out,
        PrintStream err, List<String> systemPluginDirs) {

    /** The docker CLI's system plugin directories on Linux, in its order (compose-semantics.md §10.1). */
    public static final List<String> SYSTEM_PLUGIN_DIRS = List.of(
            "/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins",
            "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins");

    public CallContext {
        systemPluginDirs = List.copyOf(systemPluginDirs);
    }

    /** A call on this machine: the docker CLI's own system plugin directories. */
    public CallContext(Invocation invocation, Map<String, String> env, Path cwd, InputStream in, PrintStream out,
            PrintStream err) {
        this(invocation, env, cwd, in, out, err, SYSTEM_PLUGIN_DIRS);
    }

    /** One line on stderr, prefixed so that it is never mistaken for compose's own output. */
    public void say(String message) {
        err.println("compose-guard: " + message);
    }
}
