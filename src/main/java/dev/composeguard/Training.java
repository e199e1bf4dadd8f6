package dev.composeguard;

import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.Engines;
import dev.composeguard.engine.EngineReads;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code compose-guard --guard-train} (hidden): one side-effect-free run through the guard's main paths, so that the
 * launcher can record a class-data archive (AppCDS on JDK 17–24, the AOT cache on 25+) of the classes they load.
 *
 * <p>Everything happens inside a fresh temporary directory that is removed afterwards: a bundled sample project,
 * HOME and the XDG directories, a fake {@code docker compose} that only prints a version, and a fake Docker Engine
 * on a unix socket that answers a few read-only API calls with canned JSON. Nothing reaches the real engine, the
 * real compose, the user's files or the terminal: verdicts go to the descriptor the launcher points at /dev/null,
 * every report goes to a null stream, stdin is empty, and calls that could ask a question (guarded compose calls)
 * run only when there is no controlling terminal (the launcher starts training under {@code setsid}).
 */
final class Training {

    private Training() {
    }

    static int run(Map<String, String> env, PrintStream err) {
        boolean debug = env.containsKey("COMPOSE_GUARD_DEBUG");
        PrintStream sink = debug ? err : new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Path tmp;
        try {
            String base = env.get("TMPDIR");
            tmp = base != null && !base.isEmpty() ? Files.createTempDirectory(Path.of(base), "compose-guard-train")
                    : Files.createTempDirectory("compose-guard-train");
        } catch (IOException e) {
            err.println("compose-guard: training: cannot create a temporary directory: " + e.getMessage());
            return dev.composeguard.core.ExitCodes.INTERNAL;
        }
        try (FakeEngine engine = FakeEngine.start(tmp.resolve("docker.sock"))) {
            Path project = sampleProject(tmp);
            Map<String, String> e = trainingEnv(tmp, engine, env.get("COMPOSE_GUARD_VERDICT_FD"));
            List<List<String>> calls = calls(e.containsKey("COMPOSE_GUARD_VERDICT_FD"));
            for (List<String> call : calls) {
                try {
                    Main.run(call, e, project, InputStream.nullInputStream(), sink, sink);
                } catch (RuntimeException | Error ex) {
                    if (debug) {
                        ex.printStackTrace(err);
                    }
                }
            }
            exerciseEngine(e, debug ? err : null);
            return dev.composeguard.core.ExitCodes.OK;
        } catch (IOException | RuntimeException ex) {
            err.println("compose-guard: training: " + ex);
            return dev.composeguard.core.ExitCodes.INTERNAL;
        } finally {
            deleteTree(tmp);
        }
    }

    /** The bundled sample project and a fake {@code docker compose} that only prints a version. */
    private static Path sampleProject(Path tmp) throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("html"));
        Files.createDirectories(project.resolve("app"));
        copyResource("compose.yaml", project.resolve("compose.yaml"));
        copyResource("env", project.resolve(".env"));
        copyResource("invalid.yaml", project.resolve("invalid.yaml"));
        Path fakeCompose = tmp.resolve("docker-compose");
        Files.writeString(fakeCompose, "#!/bin/sh\necho 'Docker Compose version v2.40.3'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fakeCompose, PosixFilePermissions.fromString("rwx------"));
        return project;
    }

    /** Every directory the guard might write to inside {@code tmp}; the fake engine and compose; no terminal. */
    private static Map<String, String> trainingEnv(Path tmp, FakeEngine engine, String verdictFd) throws IOException {
        Map<String, String> e = new HashMap<>();
        e.put("PATH", "/usr/bin:/bin");
        e.put("HOME", dir(tmp, "home"));
        e.put("XDG_CONFIG_HOME", dir(tmp, "config"));
        e.put("XDG_CACHE_HOME", dir(tmp, "cache"));
        e.put("XDG_STATE_HOME", dir(tmp, "state"));
        e.put("XDG_DATA_HOME", dir(tmp, "data"));
        e.put("DOCKER_CONFIG", dir(tmp, "docker"));
        e.put("DOCKER_HOST", "unix://" + engine.socket);
        e.put("COMPOSE_GUARD_REAL_COMPOSE", tmp.resolve("docker-compose").toString());
        e.put("COMPOSE_GUARD_BACKUP_DIR", dir(tmp, "backups"));
        e.put("COMPOSE_GUARD_LEDGER_DIR", dir(tmp, "ledger"));
        e.put(dev.composeguard.prompt.Consent.TTY_ENV, tmp.resolve("no-tty").toString()); // no question reaches anyone
        e.put("CI", "true");
        e.put("NO_COLOR", "1");
        if (verdictFd != null && !verdictFd.isEmpty()) {
            e.put("COMPOSE_GUARD_VERDICT_FD", verdictFd);
        }
        return e;
    }

    /** The guard's main paths; the safe path and a guarded call only with a verdict descriptor to hand over on. */
    private static List<List<String>> calls(boolean canHandOver) {
        List<List<String>> calls = new ArrayList<>();
        if (canHandOver) {
            // The safe path; without a verdict descriptor it would run the (fake) compose as a child.
            calls.add(List.of("ps"));
            calls.add(List.of("logs", "-f", "--tail", "10", "web"));
            calls.add(List.of("exec", "-T", "web", "true"));
            calls.add(List.of("-p", "cg-train", "--ansi", "never", "config"));
        }
        calls.add(List.of("--guard-version"));
        calls.add(List.of("--guard-help"));
        calls.add(List.of("lint", "--help"));
        calls.add(List.of("lint"));
        calls.add(List.of("lint", "--format", "json"));
        calls.add(List.of("lint", "--no-such-option"));
        calls.add(List.of("-f", "invalid.yaml", "lint")); // the schema error path (networknt), which valid files skip
        calls.add(List.of("-f", "compose.yaml", "explain"));
        calls.add(List.of("explain", "--format", "json"));
        calls.add(List.of("backups", "list"));
        calls.add(List.of("backups", "check", "--max-age", "1d"));
        calls.add(List.of("doctor"));
        calls.add(List.of("doctor", "--format", "json"));
        if (canHandOver && !hasTerminal()) {
            calls.add(List.of("up", "-d"));
        }
        return calls;
    }

    /** Both engine clients' read paths (the plain unix-socket one; docker-java's client, transport, JSON mapping). */
    private static void exerciseEngine(Map<String, String> env, PrintStream debug) {
        dev.composeguard.engine.EngineTarget target;
        try {
            target = dev.composeguard.engine.EngineResolver.v2(dev.composeguard.invocation.EngineFlags.NONE, env,
                    java.nio.file.Path.of("").toAbsolutePath());
        } catch (RuntimeException e) {
            return;
        }
        try (EngineReads engine = Engines.connectReads(target)) {
            engine.serverVersion();
            engine.volumes(Map.of());
            engine.volumes(Map.of("com.docker.compose.project", "cg-train"));
            engine.volume("cg-train_pgdata");
            engine.volume("missing");
            engine.containers(true, Map.of("com.docker.compose.project", "cg-train"));
            engine.containerSummaries(true, Map.of("com.docker.compose.project", "cg-train"));
        } catch (RuntimeException e) {
            if (debug != null) {
                e.printStackTrace(debug);
            }
        }
        try (EngineClient engine = Engines.connect(target)) {
            engine.serverVersion();
            engine.volumes(Map.of());
            engine.volumes(Map.of("com.docker.compose.project", "cg-train"));
            engine.volume("cg-train_pgdata");
            engine.volume("missing");
            engine.containers(true, Map.of("com.docker.compose.project", "cg-train"));
            engine.containerSummaries(true, Map.of("com.docker.compose.project", "cg-train"));
            engine.volumeSizes();
            engine.imageExists("busybox:latest");
        } catch (RuntimeException e) {
            if (debug != null) {
                e.printStackTrace(debug);
            }
        }
    }

    /** True when a question could reach a person: the process still has a controlling terminal. */
    private static boolean hasTerminal() {
        try (InputStream tty = new FileInputStream("/dev/tty")) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String dir(Path tmp, String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name)).toString();
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = Training.class.getResourceAsStream("train/" + name)) {
            if (in == null) {
                throw new IOException("missing resource train/" + name);
            }
            Files.copy(in, to);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** A Docker Engine stand-in: HTTP/1.1 on a unix socket, a few read-only endpoints, canned JSON. */
    static final class FakeEngine implements AutoCloseable {
        final Path socket;
        private final ServerSocketChannel server;

        private FakeEngine(Path socket, ServerSocketChannel server) {
            this.socket = socket;
            this.server = server;
        }

        static FakeEngine start(Path socket) throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            FakeEngine engine = new FakeEngine(socket, server);
            Thread t = new Thread(engine::acceptLoop, "cg-train-engine");
            t.setDaemon(true);
            t.start();
            return engine;
        }

        private void acceptLoop() {
            while (server.isOpen()) {
                try {
                    SocketChannel c = server.accept();
                    Thread t = new Thread(() -> serve(c), "cg-train-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void serve(SocketChannel c) {
            try (c; InputStream in = Channels.newInputStream(c); OutputStream out = Channels.newOutputStream(c)) {
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    String[] first = head.substring(0, head.indexOf('\r')).split(" ");
                    long length = 0;
                    for (String line : head.split("\r\n")) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Long.parseLong(line.substring(15).trim());
                        }
                    }
                    in.skipNBytes(length);
                    String path = first.length > 1 ? first[1] : "/";
                    String body = answer(first[0], path);
                    int status = body == null ? 404 : 200;
                    if (body == null) {
                        body = "{\"message\":\"No such object\"}";
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    String type = path.endsWith("/_ping") ? "text/plain" : "application/json";
                    String response = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\n"
                            + "Content-Type: " + type + "\r\nApi-Version: 1.41\r\nContent-Length: " + bytes.length
                            + "\r\n\r\n";
                    out.write(response.getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.flush();
                    if (head.startsWith("HTTP/1.0", head.indexOf('\r') - 8)
                            || head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
                        return; // the client reads to the end of the stream
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the client went away
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int last = 0;
            int b;
            while ((b = in.read()) >= 0) {
                buf.write(b);
                last = (last << 8) | b;
                if (last == 0x0d0a0d0a) {
                    return buf.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        private static final String VOLUME = "{\"Name\":\"cg-train_pgdata\",\"Driver\":\"local\","
                + "\"Mountpoint\":\"/var/lib/docker/volumes/cg-train_pgdata/_data\",\"CreatedAt\":\"2026-01-01T00:00:00Z\","
                + "\"Labels\":{\"com.docker.compose.project\":\"cg-train\",\"com.docker.compose.volume\":\"pgdata\"},"
                + "\"Scope\":\"local\",\"Options\":null}";
        private static final String MOUNT = "{\"Type\":\"volume\",\"Name\":\"cg-train_pgdata\",\"Source\":"
                + "\"/var/lib/docker/volumes/cg-train_pgdata/_data\",\"Destination\":\"/var/lib/postgresql/data\","
                + "\"Driver\":\"local\",\"Mode\":\"z\",\"RW\":true,\"Propagation\":\"\"}";
        private static final String LABELS = "{\"com.docker.compose.project\":\"cg-train\","
                + "\"com.docker.compose.service\":\"db\",\"com.docker.compose.container-number\":\"1\","
                + "\"com.docker.compose.project.working_dir\":\"/srv/cg-train\"}";
        private static final String CONTAINER = "{\"Id\":\"0123456789ab\",\"Names\":[\"/cg-train-db-1\"],"
                + "\"Image\":\"postgres:16\",\"ImageID\":\"sha256:00\",\"Command\":\"postgres\",\"Created\":1767225600,"
                + "\"State\":\"running\",\"Status\":\"Up 2 hours\",\"Ports\":[],\"Labels\":" + LABELS + ","
                + "\"HostConfig\":{\"NetworkMode\":\"cg-train_default\"},\"NetworkSettings\":{\"Networks\":{}},"
                + "\"Mounts\":[" + MOUNT + "]}";
        private static final String INSPECT = "{\"Id\":\"0123456789ab\",\"Name\":\"/cg-train-db-1\","
                + "\"Created\":\"2026-01-01T00:00:00Z\",\"State\":{\"Status\":\"running\",\"Running\":true},"
                + "\"Image\":\"sha256:00\",\"Config\":{\"Image\":\"postgres:16\",\"Labels\":" + LABELS + ",\"Env\":[]},"
                + "\"HostConfig\":{\"Binds\":null,\"Mounts\":null},\"Mounts\":[" + MOUNT + "]}";

        /** The canned answer for a request, or null (404). */
        static String answer(String method, String rawPath) {
            String path = rawPath;
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            if (path.startsWith("/v1.")) {
                path = path.substring(path.indexOf('/', 1));
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return null;
            }
            if (path.equals("/_ping")) {
                return "OK";
            }
            if (path.equals("/version")) {
                return "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\","
                        + "\"Arch\":\"amd64\",\"KernelVersion\":\"6.1.0\"}";
            }
            if (path.equals("/info")) {
                return "{\"ID\":\"train\",\"ServerVersion\":\"20.10.24\",\"Driver\":\"overlay2\","
                        + "\"DockerRootDir\":\"/var/lib/docker\"}";
            }
            if (path.equals("/volumes")) {
                return "{\"Volumes\":[" + VOLUME + "],\"Warnings\":null}";
            }
            if (path.equals("/volumes/cg-train_pgdata")) {
                return VOLUME;
            }
            if (path.equals("/containers/json")) {
                return "[" + CONTAINER + "]";
            }
            if (path.equals("/containers/0123456789ab/json") || path.equals("/containers/cg-train-db-1/json")) {
                return INSPECT;
            }
            if (path.equals("/system/df")) {
                return "{\"LayersSize\":0,\"Images\":[],\"Containers\":[],\"Volumes\":[" + VOLUME.substring(0,
                        VOLUME.length() - 1) + ",\"UsageData\":{\"Size\":1048576,\"RefCount\":1}}],\"BuildCache\":[]}";
            }
            if (path.startsWith("/images/") && path.endsWith("/json")) {
                return "{\"Id\":\"sha256:00\",\"RepoTags\":[\"busybox:latest\"],\"Size\":0}";
            }
            return null;
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // closing
            }
        }
    }
}
