package dev.composeguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@link EngineClient} on docker-java (core + zerodep transport). Reaches the {@link EngineTarget} the call resolved
 * (the daemon compose reaches). Two transports: one with a short connect timeout and a moderate response timeout for
 * list/inspect calls, and one without a response timeout for long streams (volume archives, dumps), made only
 * when a stream is needed.
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
    private DockerHttpClient streamHttp;
    private DockerClient streamDocker;

    private DockerJavaEngine(EngineTarget target) {
        this.target = target;
        this.config = config(target);
        this.http = transport(config, RESPONSE_TIMEOUT);
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /**
     * Connects to {@code target} and pings it; throws {@link EngineUnavailableException} when it does not answer.
     * Nothing else chooses the engine: no environment, no docker config, no {@code user.home} (see
     * {@link EngineResolver}).
     */
    public static DockerJavaEngine connect(EngineTarget target) {
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

    private static EngineUnavailableException fail(String what, RuntimeException e) {
        return new EngineUnavailableException(what + ": " + oneLine(e), e);
    }

    @Override
    public List<EngineVolume> volumes(Map<String, String> labelFilter) {
        try {
            var cmd = docker.listVolumesCmd();
            List<String> labels = labelFilter(labelFilter);
            if (!labels.isEmpty()) {
                cmd.withFilter("label", labels);
            }
            var resp = cmd.exec();
            List<EngineVolume> out = new ArrayList<>();
            if (resp.getVolumes() != null) {
                for (InspectVolumeResponse v : resp.getVolumes()) {
                    out.add(new EngineVolume(v.getName(), v.getDriver(), v.getLabels(), null));
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw fail("cannot list volumes", e);
        }
    }

    private static List<String> labelFilter(Map<String, String> filter) {
        List<String> labels = new ArrayList<>();
        if (filter != null) {
            filter.forEach((k, v) -> labels.add(v == null || v.isEmpty() ? k : k + "=" + v));
        }
        return labels;
    }

    @Override
    public Optional<EngineVolume> volume(String name) {
        try {
            InspectVolumeResponse v = docker.inspectVolumeCmd(name).exec();
            return Optional.of(new EngineVolume(v.getName(), v.getDriver(), v.getLabels(), null));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw fail("cannot inspect volume " + name, e);
        }
    }

    @Override
    public Optional<java.nio.file.Path> localMountpoint(String name) {
        if (target.unixSocket().isEmpty()) {
            return Optional.empty();
        }
        try {
            InspectVolumeResponse v = docker.inspectVolumeCmd(name).exec();
            if (!"local".equals(v.getDriver()) || v.getMountpoint() == null
                    || v.getOptions() != null && !v.getOptions().isEmpty()) {
                return Optional.empty();
            }
            java.nio.file.Path p = java.nio.file.Path.of(v.getMountpoint());
            return java.nio.file.Files.isDirectory(p) && java.nio.file.Files.isReadable(p)
                    ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // the slow way still counts it
        }
    }

    /** The driver options of a volume (for a faithful re-creation on restore). */
    public Map<String, String> volumeOptions(String name) {
        try {
            Map<String, String> o = docker.inspectVolumeCmd(name).exec().getOptions();
            return o == null ? Map.of() : o;
        } catch (RuntimeException e) {
            throw fail("cannot inspect volume " + name, e);
        }
    }

    @Override
    public List<EngineContainer> containers(boolean all, Map<String, String> labelFilter) {
        try {
            var cmd = docker.listContainersCmd().withShowAll(all);
            List<String> labels = labelFilter(labelFilter);
            if (!labels.isEmpty()) {
                cmd.withLabelFilter(labels);
            }
            List<EngineContainer> out = new ArrayList<>();
            for (Container c : cmd.exec()) {
                InspectContainerResponse i;
                try {
                    i = docker.inspectContainerCmd(c.getId()).exec();
                } catch (NotFoundException gone) {
                    continue; // removed between list and inspect
                }
                List<ContainerMount> mounts = new ArrayList<>();
                if (i.getMounts() != null) {
                    for (var m : i.getMounts()) {
                        String name = m.getName();
                        String type = name != null && !name.isEmpty() ? "volume" : "bind";
                        mounts.add(new ContainerMount(type, name, m.getSource(),
                                m.getDestination() == null ? null : m.getDestination().getPath()));
                    }
                }
                String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0] : c.getId();
                if (name.startsWith("/")) {
                    name = name.substring(1);
                }
                List<String> env = i.getConfig() != null && i.getConfig().getEnv() != null
                        ? List.of(i.getConfig().getEnv()) : List.of();
                String state = i.getState() != null && i.getState().getStatus() != null ? i.getState().getStatus()
                        : c.getState();
                out.add(new EngineContainer(c.getId(), name, c.getImage(), i.getImageId(), state, c.getLabels(), mounts,
                        env));
            }
            return out;
        } catch (RuntimeException e) {
            if (e instanceof EngineUnavailableException u) {
                throw u;
            }
            throw fail("cannot list containers", e);
        }
    }

    @Override
    public VolumeUsage usage(String volumeName) {
        String carrier = carrierImage(List.of());
        long bytes = 0;
        long entries = 0;
        try (InputStream raw = readVolume(volumeName, carrier);
                TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (isRoot(e.getName())) {
                    continue;
                }
                entries++;
                if (e.isFile()) {
                    bytes += e.getSize();
                }
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot read volume " + volumeName + ": " + oneLine(e), e);
        }
        return new VolumeUsage(bytes, entries);
    }

    /** The archive's own root entry ({@code ./}), which is the volume root itself, not an entry below it. */
    public static boolean isRoot(String name) {
        return name.equals("./") || name.equals(".") || name.isEmpty() || name.equals("/");
    }

    @Override
    public String serverVersion() {
        try {
            return docker.versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            throw fail("cannot read the engine version", e);
        }
    }

    @Override
    public Map<String, Long> volumeSizes() {
        var req = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/system/df?type=volume").build();
        try (DockerHttpClient.Response resp = http.execute(req)) {
            if (resp.getStatusCode() / 100 != 2) {
                throw new EngineUnavailableException("system df answered HTTP " + resp.getStatusCode(), null);
            }
            JsonNode root = new ObjectMapper().readTree(resp.getBody());
            return parseDf(root);
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineUnavailableException u) {
                throw u;
            }
            throw new EngineUnavailableException("cannot read volume sizes: " + oneLine(e), e);
        }
    }

    /** Both shapes: {@code Volumes[].UsageData.Size} (API < 1.52) and {@code VolumeUsage.Items[]} (1.52+). */
    static Map<String, Long> parseDf(JsonNode root) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        JsonNode list = root.path("Volumes");
        if (!list.isArray()) {
            list = root.path("VolumeUsage").path("Items");
        }
        if (list.isArray()) {
            for (JsonNode v : list) {
                String name = v.path("Name").asText(null);
                if (name != null) {
                    sizes.put(name, v.path("UsageData").path("Size").asLong(-1));
                }
            }
        }
        return sizes;
    }

    @Override
    public boolean imageExists(String image) {
        if (image == null || image.isEmpty()) {
            return false;
        }
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw fail("cannot inspect image " + image, e);
        }
    }

    @Override
    public String carrierImage(List<String> preferred) {
        for (String p : preferred) {
            if (p != null && imageExists(p)) {
                return p;
            }
        }
        if (imageExists(EMPTY_CARRIER)) {
            return EMPTY_CARRIER;
        }
        // A 0-byte image: a tar holding only the (empty) mount point directory, imported locally. Nothing is pulled.
        try {
            int colon = EMPTY_CARRIER.lastIndexOf(':');
            var req = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                    .path("/images/create?fromSrc=-&repo=" + EMPTY_CARRIER.substring(0, colon) + "&tag="
                            + EMPTY_CARRIER.substring(colon + 1))
                    .putHeader("Content-Type", "application/x-tar")
                    .bodyBytes(emptyRootTar()).build();
            try (DockerHttpClient.Response resp = http.execute(req)) {
                String body = new String(resp.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (resp.getStatusCode() / 100 != 2 || body.contains("\"error")) {
                    throw new IllegalStateException("HTTP " + resp.getStatusCode() + ": " + body.trim());
                }
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot create the carrier image " + EMPTY_CARRIER + ": " + oneLine(e), e);
        } catch (RuntimeException e) {
            throw fail("cannot create the carrier image " + EMPTY_CARRIER, e);
        }
        if (!imageExists(EMPTY_CARRIER)) {
            throw new EngineUnavailableException("the carrier image " + EMPTY_CARRIER + " was not created", null);
        }
        return EMPTY_CARRIER;
    }

    /** A tar with one entry: the directory helpers mount volumes on. */
    static byte[] emptyRootTar() {
        var buf = new java.io.ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(buf)) {
            TarArchiveEntry dir = new TarArchiveEntry(MOUNT.substring(1) + "/");
            dir.setMode(040755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            tar.finish();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private String createHelper(String volumeName, String carrierImage, boolean readOnly, String purpose) {
        if (volume(volumeName).isEmpty()) {
            // A mount of a missing volume would silently create it.
            throw new EngineUnavailableException("volume " + volumeName + " does not exist", null);
        }
        Mount mount = new Mount().withType(MountType.VOLUME).withSource(volumeName).withTarget(MOUNT)
                .withReadOnly(readOnly).withVolumeOptions(new VolumeOptions().withNoCopy(true));
        try {
            return docker.createContainerCmd(carrierImage)
                    .withCmd("compose-guard-helper-never-started")
                    .withEntrypoint(List.of())
                    .withLabels(Map.of(HELPER_LABEL, purpose, HELPER_OWNER_LABEL, owner()))
                    .withNetworkDisabled(true)
                    .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(mount)))
                    .exec().getId();
        } catch (RuntimeException e) {
            throw fail("cannot create a helper container for volume " + volumeName, e);
        }
    }

    private void removeHelper(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw fail("cannot remove helper container " + id.substring(0, Math.min(12, id.length())), e);
        }
    }

    @Override
    public InputStream readVolume(String volumeName, String carrierImage) {
        String id = createHelper(volumeName, carrierImage, true, "read");
        // SIGINT/SIGTERM mid-stream: the stream is dropped (the engine holds the helper until its archive ends) and
        // the helper, which holds a reference to the volume, removed, within a second, on the way out.
        InputStream[] open = new InputStream[1];
        Thread onExit = new Thread(() -> {
            try {
                if (open[0] != null) {
                    open[0].close();
                }
            } catch (IOException | RuntimeException ignored) {
                // dropping it is all that matters
            }
            try {
                removeHelper(id);
            } catch (RuntimeException ignored) {
                // best effort while the JVM exits; the next backup removes helpers whose guard is gone
            }
        });
        Runtime.getRuntime().addShutdownHook(onExit);
        InputStream in;
        try {
            in = archive(id, MOUNT + "/.");
            open[0] = in;
        } catch (IOException | RuntimeException e) {
            dropHook(onExit);
            removeHelper(id);
            throw e instanceof RuntimeException r ? fail("cannot read volume " + volumeName, r)
                    : new EngineUnavailableException("cannot read volume " + volumeName + ": " + oneLine(e), e);
        }
        return new FilterInputStream(in) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    super.close();
                } finally {
                    dropHook(onExit);
                    removeHelper(id);
                }
            }
        };
    }

    private static void dropHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    @Override
    public InputStream readContainerPath(String containerId, String path) {
        String what = "cannot read " + path + " from container " + containerId.substring(0, Math.min(12, containerId.length()));
        try {
            return archive(containerId, path.endsWith("/") ? path + "." : path + "/.");
        } catch (RuntimeException e) {
            throw fail(what, e);
        } catch (IOException e) {
            throw new EngineUnavailableException(what + ": " + oneLine(e), e);
        }
    }

    /**
     * A container archive: on a connection of its own when the engine is a local unix socket, so that closing it
     * drops it at once (Ctrl-C); else docker-java's stream (tcp), whose close reads the rest first.
     */
    private InputStream archive(String containerId, String path) throws IOException {
        var socket = target.unixSocket();
        if (socket.isPresent()) {
            return ArchiveStream.open(socket.get(), containerId, path);
        }
        return streams().copyArchiveFromContainerCmd(containerId, path).exec();
    }

    @Override
    public void writeVolume(String volumeName, String carrierImage, InputStream tar) {
        String id = createHelper(volumeName, carrierImage, false, "write");
        try {
            // on a local socket, the tar goes out on a connection of its own: twice as fast as docker-java's
            // transport for a 512 MiB volume (docs/BACKUP.md "Speed")
            var socket = target.unixSocket();
            if (socket.isPresent()) {
                ArchiveStream.put(socket.get(), id, MOUNT, tar);
            } else {
                streams().copyArchiveToContainerCmd(id).withRemotePath(MOUNT).withTarInputStream(tar).exec();
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot write into volume " + volumeName + ": " + oneLine(e), e);
        } catch (RuntimeException e) {
            throw fail("cannot write into volume " + volumeName, e);
        } finally {
            removeHelper(id);
        }
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
        String execId;
        try {
            var create = docker.execCreateCmd(containerId).withCmd(cmd.toArray(new String[0]))
                    .withAttachStdout(true).withAttachStderr(true).withAttachStdin(false).withTty(false);
            if (user != null && !user.isEmpty()) {
                create.withUser(user);
            }
            execId = create.exec().getId();
        } catch (RuntimeException e) {
            throw fail("cannot exec in container " + containerId.substring(0, Math.min(12, containerId.length())), e);
        }
        IOException[] writeError = new IOException[1];
        long[] errBytes = new long[1];
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    switch (frame.getStreamType()) {
                        case STDOUT, RAW -> stdout.write(frame.getPayload());
                        case STDERR -> {
                            if (stderr != null && errBytes[0] < 8192) {
                                stderr.write(frame.getPayload());
                                errBytes[0] += frame.getPayload().length;
                            }
                        }
                        default -> {
                        }
                    }
                } catch (IOException e) {
                    if (writeError[0] == null) {
                        writeError[0] = e;
                    }
                    try {
                        close();
                    } catch (IOException ignored) {
                        // closing the attach stream ends the exec read
                    }
                }
            }
        };
        try {
            streams().execStartCmd(execId).withDetach(false).withTty(false).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while running a command in a container", e);
        } catch (RuntimeException e) {
            throw fail("exec failed", e);
        }
        if (writeError[0] != null) {
            throw new java.io.UncheckedIOException(writeError[0]);
        }
        try {
            Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            return code == null ? -1 : code.intValue();
        } catch (RuntimeException e) {
            throw fail("cannot read the exit code of an exec", e);
        }
    }

    @Override
    public void pause(String containerId) {
        try {
            docker.pauseContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            throw fail("cannot pause container " + containerId.substring(0, Math.min(12, containerId.length())), e);
        }
    }

    @Override
    public void unpause(String containerId) {
        try {
            docker.unpauseContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            throw fail("cannot unpause container " + containerId.substring(0, Math.min(12, containerId.length())), e);
        }
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

    /** {@code <host>/<pid>} of this guard process: lets a later guard see that a helper's creator is gone. */
    static String owner() {
        return hostName() + "/" + ProcessHandle.current().pid();
    }

    /** True when {@code owner} names a process on this host that no longer runs. */
    static boolean ownerIsGone(String owner) {
        if (owner == null) {
            return false;
        }
        int slash = owner.lastIndexOf('/');
        if (slash <= 0 || !owner.substring(0, slash).equals(hostName())) {
            return false; // another host's guard (a shared engine): only the age rule applies
        }
        try {
            long pid = Long.parseLong(owner.substring(slash + 1));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    @Override
    public int removeLeftoverHelpers() {
        int n = 0;
        try {
            for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(HELPER_LABEL)).exec()) {
                // Only helpers no guard can still be using: their guard process on this host is gone (SIGKILL,
                // a dead engine connection), or they are older than an hour. A younger helper of a live guard
                // (another project's backup running right now) is left alone.
                boolean old = c.getCreated() != null
                        && System.currentTimeMillis() / 1000 - c.getCreated() > 3600;
                boolean orphaned = ownerIsGone(c.getLabels() == null ? null : c.getLabels().get(HELPER_OWNER_LABEL));
                if (!"running".equals(c.getState()) && (old || orphaned)) {
                    removeHelper(c.getId());
                    n++;
                }
            }
        } catch (RuntimeException e) {
            throw fail("cannot list helper containers", e);
        }
        return n;
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
