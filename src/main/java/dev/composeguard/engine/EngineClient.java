package dev.composeguard.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole engine seam of the backup, restore and drill flows and of a destructive plan with data at risk: the
 * {@link EngineReads} plus helper containers, archive streams, volume writes and container control. One
 * implementation ({@link DockerJavaEngine}, made by {@link Engines#connect}); tests mock it.
 */
public interface EngineClient extends EngineReads {

    /** Label put on every helper container the guard creates, so leftovers can be found and removed. */
    String HELPER_LABEL = "dev.compose-guard.helper";

    /** Label naming the guard process that created a helper ({@code <host>/<pid>}), so its leftovers can be told apart. */
    String HELPER_OWNER_LABEL = "dev.compose-guard.helper.owner";

    /** The driver options of a volume (for a faithful re-creation on restore); empty when it has none. */
    Map<String, String> volumeOptions(String name);

    /** True when the image (id or reference) is present locally. Never pulls. */
    boolean imageExists(String image);

    /**
     * An image present locally that can carry a created-never-started helper container: the first of
     * {@code preferred} that exists, else the guard's own 0-byte carrier image (made once by importing an empty tar;
     * nothing is pulled).
     */
    String carrierImage(List<String> preferred);

    /**
     * The contents of a volume as a tar stream (entries {@code ./}, {@code ./a} …), read through a helper container
     * that is created (never started) from {@code carrierImage} with the volume mounted read-only. Closing the
     * stream removes the helper container.
     */
    InputStream readVolume(String volumeName, String carrierImage);

    /** A path of a container (any state) as a tar stream, through the archive API; nothing is started. */
    InputStream readContainerPath(String containerId, String path);

    /**
     * The directory of a volume on this host, when the guard can read it there: a local engine (unix socket), the
     * {@code local} driver without options (an NFS or bind volume is mounted elsewhere, and only while in use), and a
     * readable directory (the guard runs as root). Empty otherwise. Used to count a volume's entries by a
     * metadata-only walk instead of a second read through the engine; a count that disagrees is checked again the
     * slow way, so a directory that is not the engine's (another engine with a volume of the same name) costs time,
     * never a wrong verdict.
     */
    Optional<java.nio.file.Path> localMountpoint(String volumeName);

    /** Extracts a tar stream into a volume (which must exist) through a created-never-started helper container. */
    void writeVolume(String volumeName, String carrierImage, InputStream tar);

    /**
     * Starts a helper container from the local {@code image} (never pulled) with {@code volumeName} (null: none)
     * mounted at {@code /compose-guard-volume}, runs {@code cmd} as root with no network, feeds {@code stdin} (may be
     * null) and copies its stdout to {@code stdout}, at most a few KiB of its stderr to {@code stderr}; removes the
     * container and returns the exit code.
     */
    int runHelper(String image, String volumeName, boolean readOnly, List<String> cmd, InputStream stdin,
            OutputStream stdout, OutputStream stderr);

    void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels);

    void removeVolume(String name);

    /**
     * Runs {@code cmd} inside a running container (exec API, no TTY) as {@code user} (null: the container's), copying
     * its stdout to {@code stdout} and at most a few KiB of its stderr to {@code stderr}; returns the exit code.
     */
    int exec(String containerId, String user, List<String> cmd, OutputStream stdout, OutputStream stderr);

    /** Freezes every process of a running container ({@code docker pause}). */
    void pause(String containerId);

    /** Undoes {@link #pause}. */
    void unpause(String containerId);

    /** How a container (any state) runs: image, entrypoint, command, user, environment, healthcheck. */
    ContainerRuntime runtime(String containerId);

    /** Creates and starts a {@link ScratchContainer}; returns its id. The caller removes it ({@link #removeContainer}). */
    String startScratch(ScratchContainer spec);

    /** {@code running}, or {@code exited <code>} (or the engine's state word) for a container. */
    String status(String containerId);

    /** The last lines of a container's output (may hold secrets: redact before showing). */
    String logTail(String containerId, int lines);

    /** Removes a container (forced), never its named volumes. */
    void removeContainer(String containerId);

    /** Stops a running container with its own stop timeout (as compose would). */
    void stop(String containerId);

    /** Starts a stopped container. */
    void start(String containerId);

    /** Extracts a tar stream into a directory of a container (the archive API; the container may be running). */
    void copyInto(String containerId, String dir, InputStream tar);

    /**
     * Removes helper containers left behind by an interrupted guard (its process on this host is gone, or the helper
     * is older than an hour); returns how many.
     */
    int removeLeftoverHelpers();
}
