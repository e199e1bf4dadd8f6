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
import java.util.List;

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
        return ProjectLoader.load(new LoadRequest(call.cwd(), call.env(), options, release, call.in(), List.of()));
    }
}
