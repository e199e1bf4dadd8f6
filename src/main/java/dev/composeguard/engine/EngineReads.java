package dev.composeguard.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the checks before every {@code up} and the first look of a destructive plan read from the Docker Engine:
 * lists and inspects, nothing started, nothing written. Both clients implement it ({@link UnixSocketEngine} for a
 * local socket, {@link DockerJavaEngine} for everything else and as part of {@link EngineClient}); EngineContractIT
 * runs the same scenarios against each on the real engine. Implementations reach the daemon compose reaches (the
 * {@link EngineTarget} from {@link EngineResolver}) and fail fast with an {@link EngineUnavailableException} when it
 * is not there. Made by {@link Engines#connectReads}.
 */
public interface EngineReads extends AutoCloseable {

    /** Every volume, optionally filtered by labels ({@code key} or {@code key=value} semantics of the engine). */
    List<EngineVolume> volumes(Map<String, String> labelFilter);

    Optional<EngineVolume> volume(String name);

    /** Containers (all states when {@code all}), optionally filtered by labels, each inspected (with its env). */
    List<EngineContainer> containers(boolean all, Map<String, String> labelFilter);

    /**
     * Like {@link #containers} from the list call alone: labels, state and mounts, but an empty {@code env} (no
     * inspect per container). For checks that never look at the environment.
     */
    List<EngineContainer> containerSummaries(boolean all, Map<String, String> labelFilter);

    /** What a volume holds (bytes of regular files, entries below its root); may walk the files of a large volume. */
    VolumeUsage usage(String volumeName);

    /** Engine version, e.g. {@code 20.10.24}. */
    String serverVersion();

    /**
     * The engine's own size of every volume ({@code system df}: sum of file sizes, -1 when the driver cannot tell).
     * One call for all volumes; the engine walks their directories, so use it on the destructive path only.
     */
    Map<String, Long> volumeSizes();

    @Override
    void close();
}
