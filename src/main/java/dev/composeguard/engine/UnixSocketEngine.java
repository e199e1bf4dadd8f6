package dev.composeguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link EngineReads} on a local unix socket, in plain HTTP ({@link UnixHttp}) and Jackson: no docker-java, no
 * thread pools, so the engine part of the checks before every {@code up} costs tens of milliseconds instead of the
 * docker-java client's half second (measured: docs/PERFORMANCE.md). Made by {@link Engines#connectReads} only when the
 * {@link EngineTarget} is a local unix socket. Volume usage walks the volume's mountpoint when it is readable (root,
 * local driver), else asks the engine ({@code system df}).
 */
final class UnixSocketEngine implements EngineReads {
    static final long TIMEOUT_MS = 5000;
    /** {@code system df} walks every volume on the engine: as long as docker-java's response timeout. */
    static final long DF_TIMEOUT_MS = 60_000;

    private final UnixHttp http;

    UnixSocketEngine(Path socket, long timeoutMs) {
        this.http = new UnixHttp(socket, timeoutMs);
    }

    /** Connects (a ping) or throws {@link EngineUnavailableException}. */
    static UnixSocketEngine connect(Path socket) {
        UnixSocketEngine e = new UnixSocketEngine(socket, TIMEOUT_MS);
        if (!e.http.get("/_ping").trim().equals("OK")) {
            throw new EngineUnavailableException("Docker Engine at unix://" + socket + " did not answer the ping", null);
        }
        return e;
    }

    UnixHttp http() {
        return http;
    }

    private JsonNode json(String path) {
        return EngineJson.parse(http.get(path));
    }

    @Override
    public List<EngineVolume> volumes(Map<String, String> labelFilter) {
        List<EngineVolume> out = new ArrayList<>();
        for (JsonNode v : json("/volumes" + query("?", labelFilter)).path("Volumes")) {
            out.add(EngineJson.volume(v));
        }
        return out;
    }

    @Override
    public Optional<EngineVolume> volume(String name) {
        try {
            return Optional.of(EngineJson.volume(json("/volumes/" + enc(name))));
        } catch (UnixHttp.NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public List<EngineContainer> containers(boolean all, Map<String, String> labelFilter) {
        List<EngineContainer> out = new ArrayList<>();
        for (JsonNode c : list(all, labelFilter)) {
            try {
                out.add(EngineJson.container(c, json("/containers/" + enc(EngineJson.text(c, "Id")) + "/json")));
            } catch (UnixHttp.NotFound gone) {
                // removed between list and inspect
            }
        }
        return out;
    }

    @Override
    public List<EngineContainer> containerSummaries(boolean all, Map<String, String> labelFilter) {
        List<EngineContainer> out = new ArrayList<>();
        for (JsonNode c : list(all, labelFilter)) {
            out.add(EngineJson.container(c, null));
        }
        return out;
    }

    private JsonNode list(boolean all, Map<String, String> labelFilter) {
        return json("/containers/json?all=" + (all ? "1" : "0") + query("&", labelFilter));
    }

    @Override
    public VolumeUsage usage(String volumeName) {
        JsonNode v;
        try {
            v = json("/volumes/" + enc(volumeName));
        } catch (UnixHttp.NotFound e) {
            return new VolumeUsage(0, 0);
        }
        String mp = EngineJson.text(v, "Mountpoint");
        if (mp != null && "local".equals(EngineJson.text(v, "Driver")) && Files.isReadable(Path.of(mp))
                && Files.isDirectory(Path.of(mp))) {
            return walk(Path.of(mp));
        }
        // Not readable here (rootless guard, other driver): the engine's own count.
        long size = volumeSizes().getOrDefault(volumeName, 0L);
        return new VolumeUsage(Math.max(size, 0), size > 0 ? 1 : 0);
    }

    /** Bytes of the regular files below {@code root} and its entries (directories, files, links; not root itself). */
    static VolumeUsage walk(Path root) {
        long[] acc = new long[2];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        acc[1]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    acc[1]++;
                    if (attrs.isRegularFile()) {
                        acc[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    acc[1]++;
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot read volume at " + root + ": " + e.getMessage(), e);
        }
        return new VolumeUsage(acc[0], acc[1]);
    }

    @Override
    public String serverVersion() {
        return EngineJson.text(json("/version"), "Version");
    }

    @Override
    public Map<String, Long> volumeSizes() {
        return EngineJson.volumeSizes(EngineJson.parse(new UnixHttp(http.socket(), DF_TIMEOUT_MS).get("/system/df?type=volume")));
    }

    @Override
    public void close() {
        // one connection per request: nothing to close
    }

    private static String query(String sep, Map<String, String> labels) {
        String f = EngineJson.labelFilters(labels);
        return f.isEmpty() ? "" : sep + "filters=" + enc(f);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
