package dev.composeguard.engine;

/** Makes the engine client; only the paths that need the engine call it (docker-java is never loaded otherwise). */
public final class Engines {
    private Engines() {
    }

    /**
     * Connects to {@code target} (resolved by {@link EngineResolver}: the engine compose will use) and checks it
     * answers; throws {@link EngineUnavailableException} (exit ENGINE_UNAVAILABLE) when it does not.
     */
    public static EngineClient connect(EngineTarget target) {
        return DockerJavaEngine.connect(target);
    }

    /** The read-only fast client on a local unix socket when the target is one, else {@link #connect}. */
    public static EngineClient connectReadOnly(EngineTarget target) {
        var socket = target.unixSocket();
        return socket.isPresent() ? UnixSocketEngine.connect(socket.get()) : connect(target);
    }
}
