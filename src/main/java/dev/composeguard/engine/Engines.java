package dev.composeguard.engine;

/**
 * The one factory of engine clients; only the paths that need the engine call it (docker-java is never loaded
 * otherwise). Which engine is decided before, in one place ({@link EngineFor}, {@link EngineResolver}); this class
 * only decides which client speaks to it.
 */
public final class Engines {
    private Engines() {
    }

    /**
     * Everything (reads, helper containers, archives, writes) on {@code target}: docker-java. Checks the engine
     * answers; throws {@link EngineUnavailableException} (exit ENGINE_UNAVAILABLE) when it does not.
     */
    public static EngineClient connect(EngineTarget target) {
        return DockerJavaEngine.connect(target);
    }

    /**
     * The reads only: on a local unix socket the plain HTTP client (no docker-java start-up: about half a second
     * less on every guarded {@code up}, docs/PERFORMANCE.md), else docker-java.
     */
    public static EngineReads connectReads(EngineTarget target) {
        var socket = target.unixSocket();
        return socket.isPresent() ? UnixSocketEngine.connect(socket.get()) : connect(target);
    }
}
