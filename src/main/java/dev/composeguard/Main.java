package dev.composeguard;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.exec.Handoff;
import dev.composeguard.exec.RealComposeFinder;
import dev.composeguard.invocation.CommandKind;
import dev.composeguard.invocation.Invocation;
import dev.composeguard.invocation.InvocationParser;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point. Thin on purpose: the safe path (ps, logs, exec …) goes from argv to the hand-over without loading
 * picocli, YAML, docker-java or JLine; those are reached only through the classes that need them.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        // stdin is compose's: if the guard reads it (-f -), the hand-over gives compose the same bytes.
        InputStream in = dev.composeguard.exec.StdinReplay.wrap(System.in);
        int code = run(Arrays.asList(args), System.getenv(), cwd, in, System.out, System.err);
        System.out.flush();
        System.err.flush();
        // On JDK 21+ System.exit logs through System.Logger, whose first use starts java.util.logging (~70 ms CPU
        // measured on JDK 25). A successful call with no other live thread (the safe path) ends by returning.
        if (code == 0 && Thread.activeCount() == 1) {
            return;
        }
        System.exit(code);
    }

    /** Runs one call and returns the exit code; used by {@link #main} and by in-process tests. */
    public static int run(List<String> argv, Map<String, String> env, Path cwd, InputStream in, PrintStream out,
            PrintStream err) {
        return run(argv, env, cwd, RealComposeFinder.SYSTEM_PLUGIN_DIRS, in, out, err);
    }

    /** Like {@link #run(List, Map, Path, InputStream, PrintStream, PrintStream)} with the system plugin directories given. */
    public static int run(List<String> argv, Map<String, String> env, Path cwd, List<String> systemPluginDirs,
            InputStream in, PrintStream out, PrintStream err) {
        CallContext ctx = null;
        try {
            if (argv.size() == 1 && "--guard-train".equals(argv.get(0))) {
                return Training.run(env, err); // hidden: the launcher's class-data archive training run
            }
            Invocation inv = InvocationParser.parse(argv, env);
            ctx = new CallContext(inv, env, cwd, in, out, err, systemPluginDirs);
            if (env.containsKey("COMPOSE_GUARD_POST_RC")) {
                return dev.composeguard.guard.GuardedCall.afterCompose(ctx, Integer.parseInt(env.get("COMPOSE_GUARD_POST_RC")));
            }
            // if/else, not a switch on the enum: that would load a synthetic switch-map class on the hot path.
            CommandKind kind = inv.kind();
            if (kind == CommandKind.GUARD) {
                return dev.composeguard.cli.GuardCli.run(ctx);
            }
            if (kind == CommandKind.GUARDED) {
                return dev.composeguard.guard.GuardedCall.run(ctx);
            }
            return Handoff.run(inv, RealComposeFinder.of(ctx).find(), env);
        } catch (GuardException e) {
            err.println("compose-guard: " + e.getMessage());
            return e.exitCode();
        } catch (RuntimeException | Error e) {
            // A bug must never look like permission: report it, run nothing.
            err.println("compose-guard: internal error (nothing was run): " + e);
            if (env.containsKey("COMPOSE_GUARD_DEBUG")) {
                e.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        }
    }
}
