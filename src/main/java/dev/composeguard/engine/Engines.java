package dev.composeguard.engine;

import java.util.Map;

/** Makes the engine client; only the paths that need the engine call it (docker-java is never loaded otherwise). */
public final class Engines {
    private Engines() {
    }

    /**
     * Connects to the daemon compose would reach (DOCKER_HOST, DOCKER_CONTEXT, ~/.docker/config.json) and checks it
     * answers; throws {@link EngineUnavailableException} (exit ENGINE_UNAVAILABLE) when it does not.
     */
    public static EngineClient connect(Map<String, String> env) {
        return DockerJavaEngine.connect(env);
    }
}
