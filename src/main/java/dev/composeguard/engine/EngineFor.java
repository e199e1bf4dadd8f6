package dev.composeguard.engine;

import dev.composeguard.core.CallContext;
import dev.composeguard.invocation.EngineFlags;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Project;
import java.util.Map;

/**
 * The one place a call's Docker Engine is decided: its engine flags (docker's global flags in plugin mode, v1's root
 * flags), its environment and docker config, by the rules of the compose that will run ({@link EngineResolver}).
 * Every engine client of the call (planning, backup, drift checks, guard commands) connects to this target.
 */
public final class EngineFor {
    private EngineFor() {
    }

    /**
     * The engine compose will use for this call.
     *
     * @param project the loaded project (v1 reads DOCKER_HOST and the TLS variables from its env file too), or null
     */
    public static EngineTarget target(CallContext call, ComposeFlavor flavor, Project project) {
        EngineFlags flags = EngineFlags.of(call.invocation());
        if (flavor == ComposeFlavor.V1) {
            Map<String, String> projectEnv = project != null ? project.environment().values() : null;
            return EngineResolver.v1(flags, call.env(), projectEnv, call.cwd());
        }
        return EngineResolver.v2(flags, call.env(), call.cwd());
    }

    /** docker-java on the call's engine (streams, helpers, writes). */
    public static EngineClient connect(CallContext call, ComposeFlavor flavor, Project project) {
        return Engines.connect(target(call, flavor, project));
    }
}
