package dev.composeguard.engine;

import dev.composeguard.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only {@link EngineClient} speaking plain HTTP/1.0 to the engine's unix socket, for the checks that run
 * before every {@code up}: no docker-java, no Jackson, no thread pools, so the whole engine part of a check costs a
 * few milliseconds instead of the docker-java client's start-up. Used only when the {@link EngineTarget} is a local
 * unix socket ({@link Engines#connectReadOnly}); anything else goes through docker-java. Volume usage walks the volume's mountpoint when it is readable (root, local driver),
 * else asks the engine ({@code system df}).
 */
public final class UnixSocketEngine implements EngineClient {
    static final long TIMEOUT_MS = 5000;

    private final Path socket;
    private final long timeoutMs;

    public UnixSocketEngine(Path socket) {
        this(socket, TIMEOUT_MS);
    }

    /** With a shorter time limit per request (lint's optional image lookup must not slow it down). */
    UnixSocketEngine(Path socket, long timeoutMs) {
        this.socket = socket;
        this.timeoutMs = timeoutMs;
    }

    /** Connects (a ping) or throws {@link EngineUnavailableException}. */
    public static UnixSocketEngine connect(Path socket) {
        UnixSocketEngine e = new UnixSocketEngine(socket);
        String pong = e.get("/_ping");
        if (!pong.trim().equals("OK")) {
            throw new EngineUnavailableException("Docker Engine at unix://" + socket + " did not answer the ping", null);
        }
        return e;
    }

    @Override
    public List<EngineVolume> volumes(Map<String, String> labelFilter) {
        Object body = Json.parse(get("/volumes" + filters(labelFilter)));
        List<EngineVolume> out = new ArrayList<>();
        if (body instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) body;
            for (Map<String, Object> v : Json.objs(m, "Volumes")) {
                out.add(volume(v));
            }
        }
        return out;
    }

    @Override
    public Optional<EngineVolume> volume(String name) {
        try {
            return Optional.of(volume(Json.parseObject(get("/volumes/" + enc(name)))));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    private static EngineVolume volume(Map<String, Object> v) {
        return new EngineVolume(Json.str(v, "Name"), Json.str(v, "Driver"), strings(Json.obj(v, "Labels")),
                Json.str(v, "CreatedAt"));
    }

    @Override
    public List<EngineContainer> containers(boolean all, Map<String, String> labelFilter) {
        return containers(all, labelFilter, true);
    }

    /**
     * Like {@link #containers(boolean, Map)} from the list call alone: labels, state and mounts, but an empty
     * {@code env} (no inspect per container). For checks that never look at the environment.
     */
    public List<EngineContainer> containersWithoutEnv(boolean all, Map<String, String> labelFilter) {
        return containers(all, labelFilter, false);
    }

    private List<EngineContainer> containers(boolean all, Map<String, String> labelFilter, boolean withEnv) {
        String q = "/containers/json?all=" + (all ? "1" : "0") + filters(labelFilter).replace('?', '&');
        Object body = Json.parse(get(q));
        List<EngineContainer> out = new ArrayList<>();
        if (!(body instanceof List<?> list)) {
            return out;
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) o;
            String id = Json.str(c, "Id");
            if (!withEnv) {
                List<ContainerMount> mounts = new ArrayList<>();
                for (Map<String, Object> m : Json.objs(c, "Mounts")) {
                    mounts.add(new ContainerMount(Json.str(m, "Type"), Json.str(m, "Name"), Json.str(m, "Source"),
                            Json.str(m, "Destination")));
                }
                List<String> names = Json.strs(c, "Names");
                out.add(new EngineContainer(id, names.isEmpty() ? id : names.get(0).replaceFirst("^/", ""),
                        Json.str(c, "Image"), Json.str(c, "ImageID"), Json.str(c, "State"),
                        strings(Json.obj(c, "Labels")), mounts, List.of()));
                continue;
            }
            Map<String, Object> inspect;
            try {
                inspect = Json.parseObject(get("/containers/" + enc(id) + "/json"));
            } catch (NotFound gone) {
                continue;
            }
            List<ContainerMount> mounts = new ArrayList<>();
            for (Map<String, Object> m : Json.objs(inspect, "Mounts")) {
                mounts.add(new ContainerMount(Json.str(m, "Type"), Json.str(m, "Name"), Json.str(m, "Source"),
                        Json.str(m, "Destination")));
            }
            List<String> names = Json.strs(c, "Names");
            String name = names.isEmpty() ? id : names.get(0).replaceFirst("^/", "");
            String state = Json.str(Json.obj(inspect, "State"), "Status");
            out.add(new EngineContainer(id, name, Json.str(c, "Image"), Json.str(inspect, "Image"),
                    state == null ? Json.str(c, "State") : state, strings(Json.obj(c, "Labels")), mounts,
                    Json.strs(Json.obj(inspect, "Config"), "Env")));
        }
        return out;
    }

    @Override
    public VolumeUsage usage(String volumeName) {
        Map<String, Object> v;
        try {
            v = Json.parseObject(get("/volumes/" + enc(volumeName)));
        } catch (NotFound e) {
            return new VolumeUsage(0, 0);
        }
        String mp = Json.str(v, "Mountpoint");
        if (mp != null && "local".equals(Json.str(v, "Driver")) && Files.isReadable(Path.of(mp))
                && Files.isDirectory(Path.of(mp))) {
            return walk(Path.of(mp));
        }
        // Not readable here (rootless guard, other driver): the engine's own count.
        Map<String, Object> df = Json.parseObject(get("/system/df"));
        for (Map<String, Object> x : Json.objs(df, "Volumes")) {
            if (volumeName.equals(Json.str(x, "Name"))) {
                long size = Json.num(Json.obj(x, "UsageData"), "Size", -1);
                return new VolumeUsage(Math.max(size, 0), size > 0 ? 1 : 0);
            }
        }
        return new VolumeUsage(0, 0);
    }

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
        return Json.str(Json.parseObject(get("/version")), "Version");
    }

    @Override
    public void close() {
        // one connection per request: nothing to close
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v.toString());
            }
        });
        return out;
    }

    private static String filters(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        List<String> l = new ArrayList<>();
        labels.forEach((k, v) -> l.add(v == null || v.isEmpty() ? k : k + "=" + v));
        return "?filters=" + enc(Json.write(Map.of("label", l)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** 404 from the engine. */
    static final class NotFound extends RuntimeException {
        NotFound(String path) {
            super(path);
        }
    }

    /** One GET; returns the body of a 2xx answer. */
    String get(String path) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            ByteBuffer req = ByteBuffer.wrap(("GET " + path + " HTTP/1.0\r\nHost: docker\r\nUser-Agent: compose-guard\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream resp = new ByteArrayOutputStream();
            try (Selector sel = Selector.open()) {
                ch.register(sel, SelectionKey.OP_WRITE);
                while (req.hasRemaining()) {
                    waitFor(sel, deadline, path, timeoutMs);
                    ch.write(req);
                }
                ch.keyFor(sel).interestOps(SelectionKey.OP_READ);
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                while (true) {
                    waitFor(sel, deadline, path, timeoutMs);
                    int n = ch.read(buf);
                    if (n < 0) {
                        break;
                    }
                    resp.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            return body(resp.toByteArray(), path);
        } catch (IOException e) {
            throw new EngineUnavailableException("Docker Engine not reachable at unix://" + socket + ": " + e.getMessage(), e);
        }
    }

    private static void waitFor(Selector sel, long deadline, String path, long timeoutMs) throws IOException {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0 || sel.select(left) == 0 && System.currentTimeMillis() >= deadline) {
            throw new EngineUnavailableException("Docker Engine did not answer GET " + path + " within " + timeoutMs + " ms",
                    null);
        }
        sel.selectedKeys().clear();
    }

    private static String body(byte[] raw, String path) {
        String s = new String(raw, StandardCharsets.UTF_8);
        int end = s.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new EngineUnavailableException("Docker Engine sent a malformed answer to GET " + path, null);
        }
        String head = s.substring(0, end);
        String statusLine = head.substring(0, head.indexOf("\r\n") < 0 ? head.length() : head.indexOf("\r\n"));
        String[] parts = statusLine.split(" ", 3);
        int status = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        String body = s.substring(end + 4);
        if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        if (status == 404) {
            throw new NotFound(path);
        }
        if (status < 200 || status > 299) {
            throw new EngineUnavailableException("Docker Engine answered " + status + " to GET " + path + ": "
                    + body.trim().replace('\n', ' '), null);
        }
        return body;
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int nl = body.indexOf("\r\n", i);
            if (nl < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(i, nl).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(body, nl + 2, Math.min(body.length(), nl + 2 + size));
            i = nl + 2 + size + 2;
        }
        return out.toString();
    }
}
