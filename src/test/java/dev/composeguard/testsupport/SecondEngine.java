package dev.composeguard.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second Docker Engine on its own socket, data root and exec root, for tests that must tell two engines apart
 * (issue 11 rows 1-2). Started by {@link #start()} when it is not already running (root and {@code dockerd} needed;
 * tests skip otherwise), with a bridge of its own and no iptables so it leaves the host's networking alone, and the busybox
 * test image imported from the default engine. {@link #stop()} stops it only if this JVM started it; the data root
 * is kept, so the next start is quick.
 */
public final class SecondEngine {
    public static final String SOCKET = "/run/cgit-engine-2.sock";
    public static final String HOST = "unix://" + SOCKET;
    static final Path DATA_ROOT = Path.of("/var/lib/cgit-engine-2");
    static final Path EXEC_ROOT = Path.of("/run/cgit-engine-2-exec");
    static final Path PIDFILE = Path.of("/run/cgit-engine-2.pid");

    private static Process started;

    private SecondEngine() {
    }

    /** docker against the second engine. */
    public static Cmd.Result docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", HOST));
        cmd.addAll(List.of(args));
        return Cmd.run(null, Map.of(), cmd, null, 120);
    }

    /** The second engine's default bridge (created for it; see {@link #start}). */
    private static final String BRIDGE = "cgit-br2";

    public static boolean running() {
        return Files.exists(Path.of(SOCKET)) && docker("version", "--format", "{{.Server.Version}}").exitCode() == 0;
    }

    /** Starts the engine (or finds it running) and imports the busybox image; false when it cannot run here. */
    public static synchronized boolean start() {
        if (!running()) {
            if (Cmd.run(null, Map.of(), List.of("sh", "-c", "[ \"$(id -u)\" = 0 ] && command -v dockerd")).exitCode() != 0) {
                return false;
            }
            try {
                Files.createDirectories(DATA_ROOT);
                Files.createDirectories(EXEC_ROOT);
                Path log = Files.createTempFile("cgit-engine-2-", ".log");
                // A bridge of its own: with --bridge none dockerd deletes the host's docker0 at start, which breaks
                // the first engine's default network for every later test. 192.0.2.0/24 is TEST-NET-1: it collides
                // with no network of the first engine, and nothing is routed there.
                Cmd.Result bridge = Cmd.run(null, Map.of(), List.of("sh", "-c", "ip link show " + BRIDGE
                        + " >/dev/null 2>&1 || { ip link add " + BRIDGE + " type bridge && ip addr add 192.0.2.1/24 dev "
                        + BRIDGE + " && ip link set " + BRIDGE + " up; }"));
                if (bridge.exitCode() != 0) {
                    return false;
                }
                started = new ProcessBuilder("dockerd", "--host", HOST, "--data-root", DATA_ROOT.toString(),
                        "--exec-root", EXEC_ROOT.toString(), "--pidfile", PIDFILE.toString(), "--bridge", BRIDGE,
                        "--iptables=false", "--ip6tables=false", "--ip-masq=false").redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                return false;
            }
            for (int i = 0; i < 60 && !running(); i++) {
                sleep(500);
            }
            if (!running()) {
                stop();
                return false;
            }
        }
        if (docker("image", "inspect", Docker.BUSYBOX).exitCode() != 0) {
            Cmd.Result r = Cmd.run(null, Map.of(), List.of("sh", "-c", "docker save " + Docker.BUSYBOX + " | docker -H "
                    + HOST + " load"), null, 120);
            if (r.exitCode() != 0) {
                throw new AssertionError("cannot load " + Docker.BUSYBOX + " into the second engine: " + r);
            }
        }
        return true;
    }

    /** Stops the engine if this JVM started it (SIGTERM, then waits for it to exit). */
    public static synchronized void stop() {
        if (started == null) {
            return;
        }
        started.destroy();
        try {
            if (!started.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                started.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started = null;
    }

    /** A docker context named {@code name} with docker endpoint {@code host} in {@code configDir}, as docker writes it. */
    public static void writeContext(Path configDir, String name, String host) {
        try {
            String id = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Path meta = configDir.resolve("contexts/meta/" + id + "/meta.json");
            Files.createDirectories(meta.getParent());
            Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                    + host + "\",\"SkipTLSVerify\":false}}}");
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
