package dev.composeguard.guard;

import dev.composeguard.exec.Projects;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.GuardException;
import dev.composeguard.exec.Handoff;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.exec.RealComposeFinder;
import dev.composeguard.invocation.Invocation;
import dev.composeguard.invocation.InvocationParser;
import dev.composeguard.project.Project;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a guarded call the way GuardedCall does (destructive guard, then the hand-over to the real compose), with a
 * project given in memory: the destructive guard's behaviour does not depend on how the project was loaded.
 */
public final class GuardHarness {
    public final int exitCode;
    public final String err;

    private GuardHarness(int exitCode, String err) {
        this.exitCode = exitCode;
        this.err = err;
    }

    public static Map<String, String> baseEnv(Path backups) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path());
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_TTY", "/nonexistent-tty"); // tests never reach a human
        return env;
    }

    public static GuardHarness run(Path dir, Map<String, String> env, Project project, String... argv) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Invocation inv = InvocationParser.parse(List.of(argv), env);
        CallContext cc = new CallContext(inv, env, dir, InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), errStream, List.of());
        RealCompose real = new RealComposeFinder(env, List.of()).find();
        // The project as the guarded call loads it from this argv (the re-check after the yes compares with it).
        Project loaded = project;
        try {
            loaded = dev.composeguard.exec.Projects.load(cc, real);
        } catch (RuntimeException | dev.composeguard.project.ProjectLoadException e) {
            // keep the test's own project
        }
        GuardedContext ctx = new GuardedContext(cc, real, loaded, null);
        try {
            // The step, then the call's one question (GuardedCall does the same): the backup of a call that stops
            // its writers, and the re-check of the plan, come after the yes.
            new DestructiveGuard().before(ctx);
            GuardedCall.askOnce(ctx);
            int code = Handoff.run(ctx.invocationForCompose(), real, Map.of());
            return new GuardHarness(code, err.toString(StandardCharsets.UTF_8));
        } catch (GuardException e) {
            errStream.println("compose-guard: " + e.getMessage());
            return new GuardHarness(e.exitCode(), err.toString(StandardCharsets.UTF_8));
        } finally {
            for (AutoCloseable held : ctx.held()) {
                try {
                    held.close();
                } catch (Exception ignored) {
                    // the project lock: best effort in a test
                }
            }
        }
    }

    /** Every entry of a volume with its type, mode, owner, size, link target and content checksum. */
    public static String snapshot(String volume) {
        Cmd.Result r = Docker.docker("run", "--rm", "--network", "none", "-v", volume + ":/v:ro", Docker.BUSYBOX, "sh",
                "-c", "cd /v && find . -print0 | sort -z | xargs -0 stat -c '%N %F %a %u:%g %s' && "
                        + "find . -type f -print0 | sort -z | xargs -0 -r md5sum");
        if (r.exitCode() != 0) {
            throw new AssertionError("snapshot of " + volume + " failed: " + r);
        }
        return r.stdout();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stderr\n" + err;
    }
}
