package dev.composeguard.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-mostly view of the Docker Engine the guard's checks and plans use. Implementations must reach the
 * same daemon compose reaches (DOCKER_HOST, DOCKER_CONTEXT, ~/.docker/config.json) and fail fast (short connect
 * timeout) with an {@link EngineUnavailableException} when it is not there.
 *
 * <p>The methods after {@link #serverVersion()} are the few writing operations the backup and restore flow needs;
 * they have defaults that refuse so that test doubles need not implement them.
 */
public interface EngineClient extends AutoCloseable {

    /** Label put on every helper container the guard creates, so leftovers can be found and removed. */
    String HELPER_LABEL = "dev.compose-guard.helper";

    /** Label naming the guard process that created a helper ({@code <host>/<pid>}), so its leftovers can be told apart. */
    String HELPER_OWNER_LABEL = "dev.compose-guard.helper.owner";

    /** Every volume, optionally filtered by labels ({@code key} or {@code key=value} semantics of the engine). */
    List<EngineVolume> volumes(Map<String, String> labelFilter);

    Optional<EngineVolume> volume(String name);

    /** Containers (all states when {@code all}), optionally filtered by labels. */
    List<EngineContainer> containers(boolean all, Map<String, String> labelFilter);

    /** What a volume holds; may take time on large volumes (walks the files). */
    VolumeUsage usage(String volumeName);

    /** Engine version, e.g. {@code 20.10.24}. */
    String serverVersion();

    /**
     * The engine's own size of every volume ({@code system df}: sum of file sizes, -1 when the driver cannot tell).
     * One call for all volumes; the engine walks their directories, so use it on the destructive path only.
     */
    default Map<String, Long> volumeSizes() {
        throw new UnsupportedOperationException("volumeSizes");
    }

    /** True when the image (id or reference) is present locally. Never pulls. */
    default boolean imageExists(String image) {
        throw new UnsupportedOperationException("imageExists");
    }

    /**
     * An image present locally that can carry a created-never-started helper container: the first of
     * {@code preferred} that exists, else the guard's own 0-byte carrier image (made once by importing an empty tar;
     * nothing is pulled).
     */
    default String carrierImage(List<String> preferred) {
        throw new UnsupportedOperationException("carrierImage");
    }

    /**
     * The contents of a volume as a tar stream (entries {@code ./}, {@code ./a} …), read through a helper container
     * that is created (never started) from {@code carrierImage} with the volume mounted read-only. Closing the
     * stream removes the helper container.
     */
    default InputStream readVolume(String volumeName, String carrierImage) {
        throw new UnsupportedOperationException("readVolume");
    }

    /** A path of a container (any state) as a tar stream, through the archive API; nothing is started. */
    default InputStream readContainerPath(String containerId, String path) {
        throw new UnsupportedOperationException("readContainerPath");
    }

    /**
     * The directory of a volume on this host, when the guard can read it there: a local engine (unix socket), the
     * {@code local} driver without options (an NFS or bind volume is mounted elsewhere, and only while in use), and a
     * readable directory (the guard runs as root). Empty otherwise. Used to count a volume's entries by a
     * metadata-only walk instead of a second read through the engine; a count that disagrees is checked again the
     * slow way, so a directory that is not the engine's (another engine with a volume of the same name) costs time,
     * never a wrong verdict.
     */
    default Optional<java.nio.file.Path> localMountpoint(String volumeName) {
        return Optional.empty();
    }

    /** Extracts a tar stream into a volume (which must exist) through a created-never-started helper container. */
    default void writeVolume(String volumeName, String carrierImage, InputStream tar) {
        throw new UnsupportedOperationException("writeVolume");
    }

    /**
     * Starts a helper container from the local {@code image} (never pulled) with {@code volumeName} (null: none)
     * mounted at {@code /compose-guard-volume}, runs {@code cmd} as root with no network, feeds {@code stdin} (may be
     * null) and copies its stdout to {@code stdout}, at most a few KiB of its stderr to {@code stderr}; removes the
     * container and returns the exit code.
     */
    default int runHelper(String image, String volumeName, boolean readOnly, List<String> cmd, InputStream stdin,
            OutputStream stdout, OutputStream stderr) {
        throw new UnsupportedOperationException("runHelper");
    }

    default void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        throw new UnsupportedOperationException("createVolume");
    }

    default void removeVolume(String name) {
        throw new UnsupportedOperationException("removeVolume");
    }

    /**
     * Runs {@code cmd} inside a running container (exec API, no TTY) as {@code user} (null: the container's), copying
     * its stdout to {@code stdout} and at most a few KiB of its stderr to {@code stderr}; returns the exit code.
     */
    default int exec(String containerId, String user, List<String> cmd, OutputStream stdout, OutputStream stderr) {
        throw new UnsupportedOperationException("exec");
    }

    /** Freezes every process of a running container ({@code docker pause}). */
    default void pause(String containerId) {
        throw new UnsupportedOperationException("pause");
    }

    /** Undoes {@link #pause}. */
    default void unpause(String containerId) {
        throw new UnsupportedOperationException("unpause");
    }

    /** How a container (any state) runs: image, entrypoint, command, user, environment, healthcheck. */
    default ContainerRuntime runtime(String containerId) {
        throw new UnsupportedOperationException("runtime");
    }

    /** Creates and starts a {@link ScratchContainer}; returns its id. The caller removes it ({@link #removeContainer}). */
    default String startScratch(ScratchContainer spec) {
        throw new UnsupportedOperationException("startScratch");
    }

    /** {@code running}, or {@code exited <code>} (or the engine's state word) for a container. */
    default String status(String containerId) {
        throw new UnsupportedOperationException("status");
    }

    /** The last lines of a container's output (may hold secrets: redact before showing). */
    default String logTail(String containerId, int lines) {
        return "";
    }

    /** Removes a container (forced), never its named volumes. */
    default void removeContainer(String containerId) {
        throw new UnsupportedOperationException("removeContainer");
    }

    /** Stops a running container with its own stop timeout (as compose would). */
    default void stop(String containerId) {
        throw new UnsupportedOperationException("stop");
    }

    /** Starts a stopped container. */
    default void start(String containerId) {
        throw new UnsupportedOperationException("start");
    }

    /** Extracts a tar stream into a directory of a container (the archive API; the container may be running). */
    default void copyInto(String containerId, String dir, InputStream tar) {
        throw new UnsupportedOperationException("copyInto");
    }

    /**
     * Removes helper containers left behind by an interrupted guard (its process on this host is gone, or the helper
     * is older than an hour); returns how many.
     */
    default int removeLeftoverHelpers() {
        return 0;
    }

    @Override
    void close();
}
