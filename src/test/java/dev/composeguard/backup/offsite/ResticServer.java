package dev.composeguard.backup.offsite;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.testsupport.Cmd;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real restic REST repository on 127.0.0.1: Debian's {@code rclone serve restic} over a temp directory, and an
 * initialised restic repository in it. Tests skip when restic or rclone is absent.
 */
final class ResticServer implements AutoCloseable {
    static final String PASSWORD = "cgit-offhost-Pw-7e1c90";
    final int port;
    final Path passwordFile;
    final Path cache;
    private final Process process;

    private ResticServer(int port, Path passwordFile, Path cache, Process process) {
        this.port = port;
        this.passwordFile = passwordFile;
        this.cache = cache;
        this.process = process;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/restic")) && Files.isExecutable(Path.of("/usr/bin/rclone"));
    }

    static ResticServer start(Path dir) throws IOException, InterruptedException {
        assumeTrue(available(), "restic and rclone (Debian packages) are needed");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("rclone", "serve", "restic", "--addr", "127.0.0.1:" + port, repo.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rclone.log").toFile()).start();
        for (int i = 0; i < 100 && !listening(port); i++) {
            Thread.sleep(100);
        }
        Path pw = dir.resolve("restic-password");
        Files.writeString(pw, PASSWORD + "\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        ResticServer server = new ResticServer(port, pw, Files.createDirectories(dir.resolve("cache")), p);
        Cmd.Result init = Cmd.run(dir, server.env(), List.of("restic", "init"));
        if (init.exitCode() != 0) {
            server.close();
            throw new AssertionError(init.toString());
        }
        return server;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String repository() {
        return "rest:http://127.0.0.1:" + port + "/";
    }

    /** restic's standard variables, as a user sets them. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("RESTIC_REPOSITORY", repository());
        env.put("RESTIC_PASSWORD_FILE", passwordFile.toString());
        env.put("RESTIC_CACHE_DIR", cache.toString());
        return env;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
