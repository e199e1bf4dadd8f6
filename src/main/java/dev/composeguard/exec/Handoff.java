package dev.composeguard.exec;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.invocation.Invocation;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands the call over to the real compose with the user's argv unchanged.
 *
 * <p>Under the launcher ({@code bin/compose-guard}), the JVM does not run compose: it writes a one-line verdict
 * ({@code exec <shift> <path>}) to the file descriptor named by {@code COMPOSE_GUARD_VERDICT_FD} and exits 0;
 * the launcher then {@code exec}s compose itself, so compose owns the terminal, the signals and the exit code
 * and no JVM stays in between. Without the launcher (embedded use, tests), the JVM runs compose as a child
 * with inherited stdio, lets SIGINT reach it through the terminal, forwards SIGTERM/SIGHUP, and returns its
 * exit code.
 */
public final class Handoff {

    private Handoff() {
    }

    /** Docker CLI flags a standalone compose never sees but that only change how much is logged. */
    private static final Set<String> HARMLESS_DOCKER_FLAGS = Set.of("-D", "--debug", "-l", "--log-level");

    /**
     * How many leading argv words compose must not see. Plugin → plugin keeps argv whole ({@code [docker flags]
     * compose …}) and the inherited plugin environment. Plugin → standalone (no compose plugin installed, so
     * {@code docker compose} falls back to {@code docker-compose}) drops the docker flags and the {@code compose}
     * word; a docker flag that chooses the engine or the config ({@code -H}, {@code --context}, {@code --config},
     * {@code --tls…}) cannot be dropped without running compose against another engine, so the call is refused.
     */
    static int shiftFor(Invocation inv, RealCompose real) {
        if (!inv.pluginMode() || real.plugin()) {
            return 0;
        }
        List<String> dockerPart = inv.argv().subList(0, inv.composeStart());
        for (int i = 0; i < dockerPart.size(); i++) {
            String arg = dockerPart.get(i);
            if (arg.equals("compose") && i == dockerPart.size() - 1) {
                break;
            }
            String name = arg.startsWith("--") && arg.indexOf('=') > 0 ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!HARMLESS_DOCKER_FLAGS.contains(name)) {
                throw new GuardException(ExitCodes.USAGE, "`docker " + name + " … compose` cannot be handed to "
                        + real.path() + ": it is a standalone docker-compose (no docker compose plugin found), which"
                        + " would not get the docker flag " + name + "; nothing was run. Run docker-compose with the"
                        + " matching compose flag instead (e.g. docker-compose -H HOST …).");
            }
            if ((name.equals("-l") || name.equals("--log-level")) && name.equals(arg)) {
                i++; // its value
            }
        }
        return inv.composeStart();
    }

    /** Hands over; returns the exit code the guard process should exit with. */
    public static int run(Invocation inv, RealCompose real, Map<String, String> env) {
        return run(inv, real, env, null);
    }

    /**
     * Like {@link #run(Invocation, RealCompose, Map)}; in-process (no launcher), compose runs in {@code cwd} with
     * exactly the call's {@code env} when {@code cwd} is given: the project the guard checked and backed up is the
     * one compose acts on, not the JVM's working directory and environment.
     */
    public static int run(Invocation inv, RealCompose real, Map<String, String> env, java.nio.file.Path cwd) {
        int shift = shiftFor(inv, real);
        String fd = env.get("COMPOSE_GUARD_VERDICT_FD");
        if (fd != null && !fd.isEmpty()) {
            writeVerdict(fd, "exec " + shift + " " + real.path() + "\n", env);
            return ExitCodes.OK;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(real.path().toString());
        cmd.addAll(inv.argv().subList(shift, inv.argv().size()));
        return cwd == null ? runChild(cmd, inv.pluginMode() && real.plugin())
                : runChild(cmd, inv.pluginMode() && real.plugin(), cwd, env);
    }

    /**
     * Runs compose as a child of this JVM even under the launcher, in {@code cwd} with the call's {@code env}, and
     * returns its exit code: for calls whose guard must outlive compose (it holds the project lock while compose
     * deletes). stdio is inherited, so the terminal stays compose's; SIGINT reaches compose through the terminal and
     * SIGTERM/SIGHUP are forwarded.
     */
    public static int runHere(Invocation inv, RealCompose real, Map<String, String> env, java.nio.file.Path cwd) {
        int shift = shiftFor(inv, real);
        List<String> cmd = new ArrayList<>();
        cmd.add(real.path().toString());
        cmd.addAll(inv.argv().subList(shift, inv.argv().size()));
        Map<String, String> childEnv = new java.util.HashMap<>(env);
        childEnv.remove("COMPOSE_GUARD_VERDICT_FD");
        return runChild(cmd, inv.pluginMode() && real.plugin(), cwd, childEnv);
    }

    /**
     * Hands over, then runs {@code after} with compose's exit code (post-run hooks such as the deploy ledger).
     * Under the launcher the JVM writes a {@code run <shift> <path>} verdict and returns at once: the launcher runs
     * compose as a child and re-invokes the guard with {@code COMPOSE_GUARD_POST_RC=<code>}, which reaches the
     * hook through {@code GuardedCall.afterCompose}. In-process, compose runs as a child in {@code cwd} with
     * exactly {@code env}, and {@code after} is applied to its exit code here; its result is the call's exit code.
     */
    public static int runThen(Invocation inv, RealCompose real, Map<String, String> env, java.nio.file.Path cwd,
            java.util.function.IntUnaryOperator after) {
        int shift = shiftFor(inv, real);
        String fd = env.get("COMPOSE_GUARD_VERDICT_FD");
        if (fd != null && !fd.isEmpty()) {
            writeVerdict(fd, "run " + shift + " " + real.path() + "\n", env);
            return ExitCodes.OK;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(real.path().toString());
        cmd.addAll(inv.argv().subList(shift, inv.argv().size()));
        return after.applyAsInt(runChild(cmd, inv.pluginMode() && real.plugin(), cwd, env));
    }

    /**
     * Writes the verdict line, then, when the guard read stdin ({@code -f -}), a {@code stdin <file>} line: the
     * launcher opens that file as compose's stdin and deletes it before compose starts.
     */
    private static void writeVerdict(String fd, String verdict, Map<String, String> env) {
        if (verdict.indexOf('\n') != verdict.length() - 1) {
            throw new GuardException(ExitCodes.COMPOSE_NOT_FOUND, "the real compose path contains a newline");
        }
        byte[] replay = StdinReplay.consumed();
        if (replay != null) {
            Path file = replayFile(replay, env);
            if (file.toString().indexOf('\n') >= 0) {
                deleteQuietly(file);
                throw new GuardException(ExitCodes.INTERNAL, "the temporary directory's path contains a newline");
            }
            verdict = verdict + "stdin " + file + "\n";
        }
        try (OutputStream out = new FileOutputStream("/dev/fd/" + fd)) {
            out.write(verdict.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GuardException(ExitCodes.INTERNAL, "cannot hand over to compose: " + e.getMessage(), e);
        }
    }

    /**
     * A file only this user can read holding what the guard read from stdin, in the user's runtime directory (a
     * tmpfs) when there is one: it may hold a whole compose file and lives only until compose has opened it.
     */
    static Path replayFile(byte[] bytes, Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime)) ? Path.of(runtime)
                : Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Path f = Files.createTempFile(dir, "compose-guard-stdin", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(f, bytes);
            return f;
        } catch (IOException | UnsupportedOperationException e) {
            throw new GuardException(ExitCodes.INTERNAL, "cannot keep stdin for compose (-f -): " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // best effort
        }
    }

    /** Runs compose as a child process sharing our stdio; used when no launcher can exec it for us. */
    static int runChild(List<String> cmd, boolean keepPluginEnv) {
        return runChild(cmd, keepPluginEnv, null, null);
    }

    /**
     * Like {@link #runChild(List, boolean)}, in {@code cwd} with exactly the call's environment {@code env} when
     * given (in-process calls whose working directory and environment are not the JVM's: embedded use, tests).
     */
    static int runChild(List<String> cmd, boolean keepPluginEnv, java.nio.file.Path cwd, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        byte[] replay = StdinReplay.consumed();
        Path replayFile = null;
        if (replay != null) {
            // The guard read stdin (-f -, always to its end): compose gets the same bytes.
            replayFile = replayFile(replay, env == null ? System.getenv() : env);
            pb.redirectInput(replayFile.toFile());
        }
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        pb.environment().put("COMPOSE_GUARD_HANDOFF", "1");
        if (!keepPluginEnv) {
            pb.environment().remove("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND");
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GuardException(ExitCodes.COMPOSE_NOT_FOUND, "cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } finally {
            if (replayFile != null) {
                deleteQuietly(replayFile);
            }
        }
        Signals.forwardTo(p);
        while (true) {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                // Keep waiting: compose decides how to end; we report its code.
            }
        }
    }
}
