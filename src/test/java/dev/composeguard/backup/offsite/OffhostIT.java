package dev.composeguard.backup.offsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.guard.DownVolumesIT;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off-host copies with the real restic over a real protocol (restic's REST protocol, served by rclone on
 * 127.0.0.1): backup pushes by itself, list --remote, metrics, prune in the repository, then the host is lost
 * (volume and every local backup gone) and restore pulls, verifies and restores into an empty backup directory.
 * Also the bad inputs: wrong password, unreachable repository, a snapshot that fails verification.
 */
@Tag("it")
class OffhostIT {
    @TempDir
    Path dir;
    @TempDir
    Path work;
    String name = "cgit-offhost-" + UUID.randomUUID().toString().substring(0, 8);
    final List<GuardRun> runs = new ArrayList<>();

    @AfterEach
    void down() {
        Docker.removeProject(name);
    }

    Map<String, String> env(ResticServer server, Path backups) {
        Map<String, String> env = new HashMap<>(server.env());
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/usr/bin/docker-compose");
        return env;
    }

    GuardRun guard(Map<String, String> env, String... args) {
        GuardRun r = GuardRun.in(dir, env, args);
        runs.add(r);
        return r;
    }

    static String content(String volume) {
        Cmd.Result r = Docker.docker("run", "--rm", "--network", "none", "-v", volume + ":/data:ro", Docker.BUSYBOX,
                "sh", "-c", "cd /data && ls -lnR . && md5sum table.dat sub/blob.bin");
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout();
    }

    @Test
    void pushWipeRestoreOnANewHost() throws Exception {
        Path oldHost = Files.createDirectories(work.resolve("old-host-backups"));
        Path newHost = work.resolve("new-host-backups");
        try (ResticServer server = ResticServer.start(work)) {
            Map<String, String> env = env(server, oldHost);
            Files.writeString(dir.resolve("docker-compose.yml"), DownVolumesIT.COMPOSE);
            Cmd.Result up = Cmd.run(dir, Map.of(), List.of("docker-compose", "-p", name, "up", "-d"));
            assertEquals(0, up.exitCode(), up.toString());
            String volume = name + "_data";
            DownVolumesIT.fill(volume);
            String before = content(volume);

            GuardRun b1 = guard(env, "backup", "-p", name);
            assertEquals(0, b1.exitCode, b1.toString());
            assertTrue(b1.err.contains("off-host copy in the restic repository"), b1.toString());
            String first = Path.of(b1.out.trim()).getFileName().toString();
            Thread.sleep(1100); // backup ids have a one-second resolution
            GuardRun b2 = guard(env, "backup", "-p", name);
            assertEquals(0, b2.exitCode, b2.toString());
            String second = Path.of(b2.out.trim()).getFileName().toString();

            GuardRun remote = guard(env, "backups", "list", "--remote", "--format", "json");
            assertEquals(0, remote.exitCode, remote.toString());
            assertTrue(remote.out.contains("\"id\" : \"" + first + "\"") && remote.out.contains(second), remote.out);
            GuardRun again = guard(env, "backups", "push");
            assertEquals(0, again.exitCode, again.toString());
            assertTrue(again.out.contains("in the repository already " + second), again.toString());

            GuardRun metrics = guard(env, "backups", "check", "--max-age", "6h", "--format", "prometheus", "-p", name);
            assertEquals(0, metrics.exitCode, metrics.toString());
            String labels = "{project=\"" + name + "\",volume=\"" + volume + "\"}";
            assertTrue(metrics.out.contains("compose_guard_check_ok" + labels + " 1"), metrics.out);
            assertFalse(metrics.out.contains("compose_guard_push_last_success_timestamp_seconds" + labels + " 0\n"),
                    metrics.out);
            MetricsTest.promtoolAccepts(metrics.out);

            // the same retention in the repository: the older backup goes from both places
            GuardRun prune = guard(env, "backups", "prune", "--keep-daily", "1");
            assertEquals(0, prune.exitCode, prune.toString());
            assertTrue(prune.err.contains("forgot " + first + " in the restic repository"), prune.toString());
            GuardRun remote2 = guard(env, "backups", "list", "--remote");
            assertFalse(remote2.out.contains(first), remote2.toString());

            String bad = pushDamagedCopy(server, oldHost.resolve(second));

            // a guarded down -v while the repository is unreachable: the push fails loudly, the consented deletion
            // after a verified local backup goes on; then the host is lost with its backups
            Map<String, String> down = env(server, oldHost);
            down.put("RESTIC_REPOSITORY", "rest:http://127.0.0.1:" + closedPort() + "/");
            down.put("COMPOSE_GUARD_CONFIRM", name);
            down.put("COMPOSE_GUARD_TTY", "/nonexistent-tty");
            GuardRun gone = guard(down, "-p", name, "down", "--volumes");
            assertEquals(0, gone.exitCode, gone.toString());
            assertTrue(gone.err.contains("warning: off-host push failed: restic repository unreachable"), gone.toString());
            assertFalse(Docker.volumeExists(volume));
            GuardRun failedCheck = guard(env, "backups", "check", "--max-age", "6h", "-p", name);
            assertEquals(ExitCodes.FINDINGS, failedCheck.exitCode, failedCheck.toString());
            Map<String, String> fresh = env(server, newHost);
            GuardRun dry = guard(fresh, "restore", second, "--dry-run");
            assertEquals(0, dry.exitCode, dry.toString());
            assertFalse(Files.exists(newHost.resolve(second)), "a dry run pulls nothing");
            GuardRun restore = guard(fresh, "restore", second);
            assertEquals(0, restore.exitCode, restore.toString());
            assertTrue(restore.err.contains("pulled and verified " + second), restore.toString());
            assertEquals(before, content(volume), "the volume came back from the repository byte for byte");

            GuardRun damaged = guard(fresh, "restore", bad, "--to", name + "_bad");
            assertEquals(ExitCodes.BACKUP_FAILED, damaged.exitCode, damaged.toString());
            assertTrue(damaged.err.contains("fails verification"), damaged.toString());
            assertFalse(Docker.volumeExists(name + "_bad"));
            assertFalse(Files.exists(newHost.resolve(bad)), "nothing unverified lands in the store");

            badRepositories(server, newHost, second);
            for (GuardRun r : runs) {
                assertFalse((r.out + r.err).contains(ResticServer.PASSWORD), "password shown: " + r);
            }
            assertNoPasswordIn(oldHost);
            assertNoPasswordIn(newHost);
        } finally {
            Docker.docker("volume", "rm", "-f", name + "_data", name + "_bad");
        }
    }

    /** A copy of a backup with one flipped byte, pushed under another id with restic directly (as tampering would). */
    private String pushDamagedCopy(ResticServer server, Path good) throws Exception {
        String bad = name + "-20200101T000000Z";
        Path copy = Files.createDirectories(work.resolve("tamper").resolve(bad));
        Cmd.Result cp = Cmd.run(work, Map.of(), List.of("cp", "-a", good + "/.", copy.toString()));
        assertEquals(0, cp.exitCode(), cp.toString());
        Path archive;
        try (Stream<Path> s = Files.walk(copy.resolve("volumes"))) {
            archive = s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(archive.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0xff);
        }
        Cmd.Result push = Cmd.run(work, server.env(), List.of("restic", "backup", "--host", "evil", "--tag",
                "compose-guard,project=" + name + ",backup=" + bad, copy.toString()));
        assertEquals(0, push.exitCode(), push.toString());
        return bad;
    }

    private void badRepositories(ResticServer server, Path store, String kept) throws Exception {
        Map<String, String> wrong = env(server, store);
        Path pw = work.resolve("wrong-password");
        Files.writeString(pw, "not-the-password\n");
        wrong.put("RESTIC_PASSWORD_FILE", pw.toString());
        GuardRun w = guard(wrong, "backups", "list", "--remote");
        assertEquals(ExitCodes.REPOSITORY_UNAVAILABLE, w.exitCode, w.toString());
        assertTrue(w.err.contains("wrong password for the restic repository"), w.toString());
        assertEquals(1, w.err.lines().count(), w.toString());

        Map<String, String> unreachable = env(server, store);
        unreachable.put("RESTIC_REPOSITORY", "rest:http://127.0.0.1:" + closedPort() + "/");
        GuardRun u = guard(unreachable, "backups", "push");
        assertEquals(ExitCodes.REPOSITORY_UNAVAILABLE, u.exitCode, u.toString());
        assertTrue(u.err.contains("restic repository unreachable"), u.toString());
        GuardRun prune = guard(unreachable, "backups", "prune", "--keep-daily", "1");
        assertEquals(ExitCodes.REPOSITORY_UNAVAILABLE, prune.exitCode, prune.toString());
                GuardRun check = guard(unreachable, "backups", "check", "--max-age", "6h", "-p", name);
        assertEquals(ExitCodes.FINDINGS, check.exitCode, check.toString());
        assertTrue(check.out.contains("PUSH FAILED " + name), check.toString());
        assertTrue(Files.isDirectory(store.resolve(kept)), "nothing deleted");
        GuardRun ok = guard(env(server, store), "backups", "push");
        assertEquals(0, ok.exitCode, ok.toString());
        GuardRun fine = guard(env(server, store), "backups", "check", "--max-age", "6h", "-p", name);
        assertEquals(0, fine.exitCode, fine.toString());
    }

    /** A port nothing listens on (just released). */
    private static int closedPort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void assertNoPasswordIn(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (p.toString().endsWith(".json")) {
                    assertFalse(Files.readString(p).contains(ResticServer.PASSWORD), p.toString());
                }
            }
        }
    }
}
