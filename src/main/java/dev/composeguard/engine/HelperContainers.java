package dev.composeguard.engine;

import static dev.composeguard.engine.EngineClient.HELPER_LABEL;
import static dev.composeguard.engine.EngineClient.HELPER_OWNER_LABEL;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The created-never-started helper containers of {@link DockerJavaEngine} and the archive streams through them:
 * reading and writing a volume, reading a container path, the carrier image, and removing helpers an interrupted
 * guard left behind. Every helper carries {@link EngineClient#HELPER_LABEL} and its creator's
 * {@link EngineClient#HELPER_OWNER_LABEL}.
 */
final class HelperContainers {
    private final DockerClient docker;
    private final Supplier<DockerClient> streams;
    private final DockerHttpClient http;
    private final EngineTarget target;
    private final DockerReads reads;

    HelperContainers(DockerClient docker, Supplier<DockerClient> streams, DockerHttpClient http, EngineTarget target,
            DockerReads reads) {
        this.docker = docker;
        this.streams = streams;
        this.http = http;
        this.target = target;
        this.reads = reads;
    }

    VolumeUsage usage(String volumeName) {
        if (reads.volume(volumeName).isEmpty()) {
            return new VolumeUsage(0, 0); // as the unix-socket client: a volume that is not there holds nothing
        }
        String carrier = carrierImage(List.of());
        long bytes = 0;
        long entries = 0;
        try (InputStream raw = readVolume(volumeName, carrier);
                TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (DockerJavaEngine.isRoot(e.getName())) {
                    continue;
                }
                entries++;
                if (e.isFile()) {
                    bytes += e.getSize();
                }
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot read volume " + volumeName + ": " + DockerJavaEngine.oneLine(e), e);
        }
        return new VolumeUsage(bytes, entries);
    }

    String carrierImage(List<String> preferred) {
        for (String p : preferred) {
            if (p != null && reads.imageExists(p)) {
                return p;
            }
        }
        if (reads.imageExists(DockerJavaEngine.EMPTY_CARRIER)) {
            return DockerJavaEngine.EMPTY_CARRIER;
        }
        // A 0-byte image: a tar holding only the (empty) mount point directory, imported locally. Nothing is pulled.
        try {
            int colon = DockerJavaEngine.EMPTY_CARRIER.lastIndexOf(':');
            var req = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                    .path("/images/create?fromSrc=-&repo=" + DockerJavaEngine.EMPTY_CARRIER.substring(0, colon) + "&tag="
                            + DockerJavaEngine.EMPTY_CARRIER.substring(colon + 1))
                    .putHeader("Content-Type", "application/x-tar")
                    .bodyBytes(emptyRootTar()).build();
            try (DockerHttpClient.Response resp = http.execute(req)) {
                String body = new String(resp.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (resp.getStatusCode() / 100 != 2 || body.contains("\"error")) {
                    throw new IllegalStateException("HTTP " + resp.getStatusCode() + ": " + body.trim());
                }
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot create the carrier image " + DockerJavaEngine.EMPTY_CARRIER + ": " + DockerJavaEngine.oneLine(e), e);
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot create the carrier image " + DockerJavaEngine.EMPTY_CARRIER, e);
        }
        if (!reads.imageExists(DockerJavaEngine.EMPTY_CARRIER)) {
            throw new EngineUnavailableException("the carrier image " + DockerJavaEngine.EMPTY_CARRIER + " was not created", null);
        }
        return DockerJavaEngine.EMPTY_CARRIER;
    }

    /** A tar with one entry: the directory helpers mount volumes on. */
    static byte[] emptyRootTar() {
        var buf = new java.io.ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(buf)) {
            TarArchiveEntry dir = new TarArchiveEntry(DockerJavaEngine.MOUNT.substring(1) + "/");
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
        if (reads.volume(volumeName).isEmpty()) {
            // A mount of a missing volume would silently create it.
            throw new EngineUnavailableException("volume " + volumeName + " does not exist", null);
        }
        Mount mount = new Mount().withType(MountType.VOLUME).withSource(volumeName).withTarget(DockerJavaEngine.MOUNT)
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
            throw DockerJavaEngine.fail("cannot create a helper container for volume " + volumeName, e);
        }
    }

    private void removeHelper(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot remove helper container " + id.substring(0, Math.min(12, id.length())), e);
        }
    }

    InputStream readVolume(String volumeName, String carrierImage) {
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
            in = archive(id, DockerJavaEngine.MOUNT + "/.");
            open[0] = in;
        } catch (IOException | RuntimeException e) {
            dropHook(onExit);
            removeHelper(id);
            throw e instanceof RuntimeException r ? DockerJavaEngine.fail("cannot read volume " + volumeName, r)
                    : new EngineUnavailableException("cannot read volume " + volumeName + ": " + DockerJavaEngine.oneLine(e), e);
        }
        return new FilterInputStream(in) {
            private boolean closed;

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

    InputStream readContainerPath(String containerId, String path) {
        String what = "cannot read " + path + " from container " + containerId.substring(0, Math.min(12, containerId.length()));
        try {
            return archive(containerId, path.endsWith("/") ? path + "." : path + "/.");
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail(what, e);
        } catch (IOException e) {
            throw new EngineUnavailableException(what + ": " + DockerJavaEngine.oneLine(e), e);
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
        return streams.get().copyArchiveFromContainerCmd(containerId, path).exec();
    }

    void writeVolume(String volumeName, String carrierImage, InputStream tar) {
        String id = createHelper(volumeName, carrierImage, false, "write");
        try {
            // on a local socket, the tar goes out on a connection of its own: twice as fast as docker-java's
            // transport for a 512 MiB volume (docs/BACKUP.md "Speed")
            var socket = target.unixSocket();
            if (socket.isPresent()) {
                ArchiveStream.put(socket.get(), id, DockerJavaEngine.MOUNT, tar);
            } else {
                streams.get().copyArchiveToContainerCmd(id).withRemotePath(DockerJavaEngine.MOUNT)
                        .withTarInputStream(tar).exec();
            }
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot write into volume " + volumeName + ": "
                    + DockerJavaEngine.oneLine(e), e);
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot write into volume " + volumeName, e);
        } finally {
            removeHelper(id);
        }
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

    int removeLeftoverHelpers() {
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
            throw DockerJavaEngine.fail("cannot list helper containers", e);
        }
        return n;
    }
}
