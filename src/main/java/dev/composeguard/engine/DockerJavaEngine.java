package dev.composeguard.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EngineClient} on docker-java (core + zerodep transport). Reaches the {@link EngineTarget} the call resolved
 * (the daemon compose reaches). Two transports: one with a short connect timeout and a moderate response timeout for
 * list/inspect calls, and one without a response timeout for long streams (volume archives, dumps), made only
 * when a stream is needed. The work is split along its seams: {@link DockerReads} (lists, inspects),
 * {@link HelperContainers} (created-never-started helpers and archive streams), {@link HelperRun} (a started
 * helper), {@link ContainerOps} (start, stop, pause, exec, scratch containers); this class wires them to one
 * connection and adds the few writes of its own.
 */
public final class DockerJavaEngine implements EngineClient {
    /** Where helper containers mount the volume they carry. */
    static final String MOUNT = "/compose-guard-volume";
    /** The guard's own 0-byte carrier image (an imported empty tar), made only when no other image is local. */
    public static final String EMPTY_CARRIER = "compose-guard/carrier:empty";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final DockerClientConfig config;
    private final EngineTarget target;
    private final DockerHttpClient http;
    private final DockerClient docker;
    private final DockerReads reads;
    private final HelperContainers helpers;
    private DockerHttpClient streamHttp;
    private DockerClient streamDocker;

    private DockerJavaEngine(EngineTarget target) {
        this.target = target;
        this.config = config(target);
        this.http = transport(config, RESPONSE_TIMEOUT);
        this.docker = DockerClientImpl.getInstance(config, http);
        this.reads = new DockerReads(docker, http);
        this.helpers = new HelperContainers(docker, this::streams, http, target, reads);
    }

    /**
     * Connects to {@code target} and pings it; throws {@link EngineUnavailableException} when it does not answer.
     * Nothing else chooses the engine: no environment, no docker config, no {@code user.home} (see
     * {@link EngineResolver}). Callers get it through {@link Engines}.
     */
    static DockerJavaEngine connect(EngineTarget target) {
        DockerJavaEngine engine;
        try {
            engine = new DockerJavaEngine(target);
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("cannot configure the Docker Engine client for " + target.describe()
                    + ": " + oneLine(e), e);
        }
        try {
            engine.docker.pingCmd().exec();
        } catch (RuntimeException e) {
            engine.close();
            throw new EngineUnavailableException("Docker Engine not reachable at " + target.describe() + ": "
                    + oneLine(e), e);
        }
        return engine;
    }

    static DockerClientConfig config(EngineTarget target) {
        // A bare builder: createDefaultConfigBuilder() would read the JVM's environment, system properties and
        // user.home, any of which may name another engine than the one compose will use.
        var b = new DefaultDockerClientConfig.Builder().withDockerHost(target.host()).withDockerTlsVerify(false);
        if (target.tlsDir() != null) {
            b.withCustomSslConfig(new com.github.dockerjava.core.LocalDirectorySSLConfig(target.tlsDir().toString()));
        }
        return b.build();
    }

    private static DockerHttpClient transport(DockerClientConfig config, Duration responseTimeout) {
        var b = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(CONNECT_TIMEOUT);
        if (responseTimeout != null) {
            b.responseTimeout(responseTimeout);
        }
        return b.build();
    }

    private synchronized DockerClient streams() {
        if (streamDocker == null) {
            streamHttp = transport(config, null);
            streamDocker = DockerClientImpl.getInstance(config, streamHttp);
        }
        return streamDocker;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        m = m.replace('\n', ' ').replace('\r', ' ').trim();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    static EngineUnavailableException fail(String what, RuntimeException e) {
        return new EngineUnavailableException(what + ": " + oneLine(e), e);
    }

    @Override
    public List<EngineVolume> volumes(Map<String, String> labelFilter) {
        return reads.volumes(labelFilter);
    }

    @Override
    public Optional<EngineVolume> volume(String name) {
        return reads.volume(name);
    }

    @Override
    public Optional<java.nio.file.Path> localMountpoint(String name) {
        return target.unixSocket().isEmpty() ? Optional.empty() : reads.localMountpoint(name);
    }

    @Override
    public Map<String, String> volumeOptions(String name) {
        return reads.volumeOptions(name);
    }

    @Override
    public List<EngineContainer> containers(boolean all, Map<String, String> labelFilter) {
        return reads.containers(all, labelFilter);
    }

    @Override
    public List<EngineContainer> containerSummaries(boolean all, Map<String, String> labelFilter) {
        return reads.containerSummaries(all, labelFilter);
    }

    /** Through a helper container (the volume's files may not be readable from here: a remote engine). */
    @Override
    public VolumeUsage usage(String volumeName) {
        return helpers.usage(volumeName);
    }

    /** The archive's own root entry ({@code ./}), which is the volume root itself, not an entry below it. */
    public static boolean isRoot(String name) {
        return name.equals("./") || name.equals(".") || name.isEmpty() || name.equals("/");
    }

    @Override
    public String serverVersion() {
        return reads.serverVersion();
    }

    @Override
    public Map<String, Long> volumeSizes() {
        return reads.volumeSizes();
    }

    @Override
    public boolean imageExists(String image) {
        return reads.imageExists(image);
    }

    @Override
    public String carrierImage(List<String> preferred) {
        return helpers.carrierImage(preferred);
    }

    @Override
    public InputStream readVolume(String volumeName, String carrierImage) {
        return helpers.readVolume(volumeName, carrierImage);
    }

    @Override
    public InputStream readContainerPath(String containerId, String path) {
        return helpers.readContainerPath(containerId, path);
    }

    @Override
    public void writeVolume(String volumeName, String carrierImage, InputStream tar) {
        helpers.writeVolume(volumeName, carrierImage, tar);
    }

    @Override
    public int removeLeftoverHelpers() {
        return helpers.removeLeftoverHelpers();
    }

    @Override
    public int runHelper(String image, String volumeName, boolean readOnly, List<String> cmd, InputStream stdin,
            OutputStream stdout, OutputStream stderr) {
        if (volumeName != null && volume(volumeName).isEmpty()) {
            throw new EngineUnavailableException("volume " + volumeName + " does not exist", null);
        }
        return new HelperRun(docker, streams()).run(image, volumeName, readOnly, cmd, stdin, stdout, stderr);
    }

    @Override
    public void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        try {
            var cmd = docker.createVolumeCmd().withName(name);
            if (driver != null && !driver.isEmpty()) {
                cmd.withDriver(driver);
            }
            if (driverOpts != null && !driverOpts.isEmpty()) {
                cmd.withDriverOpts(new HashMap<>(driverOpts));
            }
            if (labels != null && !labels.isEmpty()) {
                cmd.withLabels(new HashMap<>(labels));
            }
            cmd.exec();
        } catch (RuntimeException e) {
            throw fail("cannot create volume " + name, e);
        }
    }

    @Override
    public void removeVolume(String name) {
        try {
            docker.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw fail("cannot remove volume " + name, e);
        }
    }

    @Override
    public int exec(String containerId, String user, List<String> cmd, OutputStream stdout, OutputStream stderr) {
        return ops().exec(containerId, user, cmd, stdout, stderr);
    }

    @Override
    public void pause(String containerId) {
        ops().pause(containerId);
    }

    @Override
    public void unpause(String containerId) {
        ops().unpause(containerId);
    }

    private ContainerOps ops() {
        return new ContainerOps(docker, streams());
    }

    @Override
    public ContainerRuntime runtime(String containerId) {
        return ops().runtime(containerId);
    }

    @Override
    public String startScratch(ScratchContainer spec) {
        if (volume(spec.volume()).isEmpty()) {
            throw new EngineUnavailableException("volume " + spec.volume() + " does not exist", null);
        }
        return ops().startScratch(spec);
    }

    @Override
    public String status(String containerId) {
        return ops().status(containerId);
    }

    @Override
    public String logTail(String containerId, int lines) {
        return ops().logTail(containerId, lines);
    }

    @Override
    public void removeContainer(String containerId) {
        ops().removeContainer(containerId);
    }

    @Override
    public void stop(String containerId) {
        ops().stop(containerId);
    }

    @Override
    public void start(String containerId) {
        ops().start(containerId);
    }

    @Override
    public void copyInto(String containerId, String dir, InputStream tar) {
        ops().copyInto(containerId, dir, tar);
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {docker, http, streamDocker, streamHttp}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a transport cannot fail in a way that matters to the caller
                }
            }
        }
    }
}
