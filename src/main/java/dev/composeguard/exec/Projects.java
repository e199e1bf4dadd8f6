package dev.composeguard.exec;

import dev.composeguard.core.CallContext;
import dev.composeguard.invocation.CommandFlags;
import dev.composeguard.invocation.GlobalOptions;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.ComposeRelease;
import dev.composeguard.project.LoadRequest;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.ProjectLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Loads the project a call refers to, with the rules of the compose that will run. */
public final class Projects {
    private Projects() {
    }

    /** For a guarded compose call: global flags from argv, flavor from the real compose, services named. */
    public static Project load(CallContext call, RealCompose real) throws ProjectLoadException {
        ComposeRelease release = real == null ? ComposeRelease.newest(ComposeFlavor.V2)
                : ComposeVersion.of(real, call.env()).release();
        List<String> services = CommandFlags.parse(call.invocation().commandArgs(), java.util.Map.of(),
                java.util.Set.of()).positionals();
        return ProjectLoader.load(new LoadRequest(call.cwd(), call.env(), call.invocation().global(), release, call.in(),
                services));
    }

    /** The compose rules a guard command models: the real compose's when one is installed, v2's otherwise. */
    public static ComposeFlavor flavor(CallContext call) {
        return release(call).flavor();
    }

    /** A load started by {@link #prepare}: its request, and the project or the refusal it came to. */
    private record Ahead(CallContext call, LoadRequest request, Project project, ProjectLoadException refusal) {
    }

    /** The load {@link #prepare} started last; taken (and cleared) by the first load of the same call. */
    private static volatile FutureTask<Ahead> ahead;

    /**
     * Starts loading the project on a daemon thread with the flags given before the command, for a guard command
     * that is about to parse its own options (picocli: ~150 ms on one core while the other one loads). The command's
     * {@link #load} takes the result only when its request is exactly this one (no compose flag after the command)
     * and comes from the same call; otherwise it loads again. Loading reads files and never writes; standard input
     * is never read ahead: a load that would need it is not used.
     */
    public static void prepare(CallContext call) {
        GlobalOptions options = call.invocation().global();
        FutureTask<Ahead> task = new FutureTask<>(() -> {
            NoStdin stdin = new NoStdin();
            LoadRequest request = new LoadRequest(call.cwd(), call.env(), options, release(call), stdin, List.of());
            try {
                Project p = ProjectLoader.load(request);
                return stdin.touched ? null : new Ahead(call, request, p, null);
            } catch (ProjectLoadException e) {
                return stdin.touched ? null : new Ahead(call, request, null, e);
            }
        });
        ahead = task;
        Thread t = new Thread(task, "compose-guard-load-ahead");
        t.setDaemon(true);
        t.start();
    }

    /** The project {@link #prepare} loaded for this request of this call, or null. */
    private static Ahead takeAhead(CallContext call, LoadRequest request) {
        FutureTask<Ahead> task = ahead;
        if (task == null) {
            return null;
        }
        ahead = null;
        Ahead a;
        try {
            a = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null; // a bug in loading: the load on this thread meets it again and reports it
        }
        boolean same = a != null && a.call == call && a.request.cwd().equals(request.cwd())
                && a.request.osEnv().equals(request.osEnv()) && a.request.options().equals(request.options())
                && a.request.release() == request.release() && a.request.services().equals(request.services());
        return same ? a : null;
    }

    /** Standard input for a load ahead: never read (it is compose's, or the command's), only noticed. */
    private static final class NoStdin extends InputStream {
        volatile boolean touched;

        @Override
        public int read() throws IOException {
            touched = true;
            throw new IOException("standard input is not read ahead");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read();
        }
    }

    /** The checked compose release whose rules a guard command models (the newest v2 when none is installed). */
    public static ComposeRelease release(CallContext call) {
        try {
            return ComposeVersion.of(RealComposeFinder.of(call).find(), call.env()).release();
        } catch (RuntimeException e) {
            return ComposeRelease.newest(ComposeFlavor.V2); // e.g. lint in CI, where no compose is installed
        }
    }

    /** For a guard command: the global flags given before it, overlaid with those given after it. */
    public static Project load(CallContext call, GlobalOptions after, ComposeFlavor flavor) throws ProjectLoadException {
        return load(call, after, ComposeRelease.newest(flavor));
    }

    /** Like {@link #load(CallContext, GlobalOptions, ComposeFlavor)} with the rules of {@code release}. */
    public static Project load(CallContext call, GlobalOptions after, ComposeRelease release) throws ProjectLoadException {
        GlobalOptions options = call.invocation().global().overlay(after);
        LoadRequest request = new LoadRequest(call.cwd(), call.env(), options, release, call.in(), List.of());
        Ahead a = takeAhead(call, request);
        if (a != null) {
            if (a.refusal != null) {
                throw a.refusal;
            }
            return a.project;
        }
        return ProjectLoader.load(request);
    }
}
