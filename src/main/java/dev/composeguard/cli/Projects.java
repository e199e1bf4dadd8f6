package dev.composeguard.cli;

import dev.composeguard.exec.ComposeVersion;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.invocation.CommandFlags;
import dev.composeguard.invocation.GlobalOptions;
import dev.composeguard.project.ComposeFlavor;
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
        ComposeFlavor flavor = real == null ? ComposeFlavor.V2 : ComposeVersion.of(real, call.env()).flavor();
        List<String> services = CommandFlags.parse(call.invocation().commandArgs(), java.util.Map.of(),
                java.util.Set.of()).positionals();
        return ProjectLoader.load(new LoadRequest(call.cwd(), call.env(), call.invocation().global(), flavor, call.in(),
                services));
    }

    /** For a guard command: the global flags given before it, overlaid with those given after it. */
    public static Project load(CallContext call, GlobalOptions after, ComposeFlavor flavor) throws ProjectLoadException {
        GlobalOptions options = call.invocation().global().overlay(after);
        return ProjectLoader.load(new LoadRequest(call.cwd(), call.env(), options, flavor, call.in(), List.of()));
    }
}
