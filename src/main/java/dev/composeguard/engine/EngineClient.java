package dev.composeguard.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-mostly view of the Docker Engine the guard's checks and plans use. Implementations must reach the
 * same daemon compose reaches (DOCKER_HOST, DOCKER_CONTEXT, ~/.docker/config.json) and fail fast (short connect
 * timeout) with an {@link EngineUnavailableException} when it is not there.
 */
public interface EngineClient extends AutoCloseable {

    /** Every volume, optionally filtered by labels ({@code key} or {@code key=value} semantics of the engine). */
    List<EngineVolume> volumes(Map<String, String> labelFilter);

    Optional<EngineVolume> volume(String name);

    /** Containers (all states when {@code all}), optionally filtered by labels. */
    List<EngineContainer> containers(boolean all, Map<String, String> labelFilter);

    /** What a volume holds; may take time on large volumes (walks the files). */
    VolumeUsage usage(String volumeName);

    /** Engine version, e.g. {@code 20.10.24}. */
    String serverVersion();

    @Override
    void close();
}
