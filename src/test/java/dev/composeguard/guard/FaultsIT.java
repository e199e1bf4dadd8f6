package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.backup.ProjectLock;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.TestLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults during destructive flows (issue 7), on the real engine with the real docker-compose, the guard run through
 * bin/compose-guard as a child process: engine unreachable, the real compose missing or failing, SIGINT/SIGTERM/SIGKILL
 * at each step of the backup, the helper container removed mid-stream, two guards on one project, a backup while
 * {@code up} recreates the containers. In every case: no volume deleted without a verified backup, no half-written
 * backup that looks valid, a clear message, a documented exit code. (Disk full and a read-only backup directory:
 * BackupSpaceIT.)
 */
@Tag("it")
class FaultsIT {
    @TempDir
    Path dir;
    @TempDir
    Path tmp;
    String name;
    String volume;
    Path backups;
    Path launcher;
    static int faults;

    @BeforeEach
    void up() throws IOException {
        name = "cgit-faults-" + UUID.randomUUID().toString().substring(0, 8);
        volume = name + "_data";
        backups = tmp.resolve("backups");
        Files.writeString(dir.resolve("docker-compose.yml"), DownVolumesIT.COMPOSE);
        Cmd.Result r = Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d"));
        assertEquals(0, r.exitCode(), r.toString());
        DownVolumesIT.fill(volume);
        launcher = TestLauncher.install(tmp);
    }

    @AfterEach
    void down() {
        Docker.removeProject(name);
        Docker.docker("volume", "rm", "-f", volume);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", System.getProperty("user.home"));
        env.put("COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path());
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_TTY", "/nonexistent-tty");
        env.put("COMPOSE_GUARD_CONFIRM", name);
        env.put("COMPOSE_PROJECT_NAME", name);
        return env;
    }

    Cmd.Result guard(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        return Cmd.run(dir, env, cmd);
    }

    /** Bigger data, so the backup takes a few seconds (random bytes do not compress). */
    void bulk(int megabytes) {
        Cmd.Result r = Docker.docker("run", "--rm", "--network", "none", "-v", volume + ":/data", Docker.BUSYBOX, "sh",
                "-c", "head -c " + megabytes + "000000 /dev/urandom > /data/bulk.bin");
        assertEquals(0, r.exitCode(), r.toString());
    }

    /** Every backup directory that looks complete (not .partial-…, has a manifest) must verify. */
    void noHalfWrittenBackupLooksValid() throws IOException {
        if (!Files.isDirectory(backups)) {
            return;
        }
        try (Stream<Path> s = Files.list(backups)) {
            for (Path d : s.toList()) {
                String n = d.getFileName().toString();
                if (n.equals("locks") || n.equals("ledger")) {
                    continue;
                }
                Path m = d.resolve(Manifest.FILE);
                if (n.startsWith(".partial-")) {
                    if (Files.exists(m)) {
                        assertFalse(Manifest.read(m).verified, "a partial backup claims to be verified: " + d);
                    }
                    continue;
                }
                if (Files.exists(m) && Manifest.read(m).verified) {
                    Cmd.Result v = guard(env(), "backups", "verify");
                    assertEquals(0, v.exitCode(), "a backup that looks valid does not verify: " + v);
                }
            }
        }
    }

    void assertIntact(String before) {
        assertTrue(Docker.volumeExists(volume), "the volume was deleted");
        assertEquals(before, GuardHarness.snapshot(volume));
    }

    void assertNoHelperLeft() throws InterruptedException {
        String left = "";
        for (int i = 0; i < 50; i++) {
            left = Docker.docker("ps", "-aq", "--filter", "label=dev.compose-guard.helper",
                    "--filter", "volume=" + volume).stdout().trim();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("helper containers left: " + left);
    }

    // ------------------------------------------------------------------ engine and compose faults

    @Test
    void engineUnreachableRefusesDownVolumes() throws Exception {
        String before = GuardHarness.snapshot(volume);
        Path dead = tmp.resolve("dead.sock");
        // a unix socket nobody listens on any more
        Cmd.Result mk = Cmd.run(tmp, Map.of(), List.of("python3", "-c",
                "import socket,sys;s=socket.socket(socket.AF_UNIX);s.bind(sys.argv[1]);s.close()", dead.toString()));
        assertEquals(0, mk.exitCode(), mk.toString());
        for (List<String> argv : List.of(List.of("down", "-v"), List.of("-p", name, "down", "-v"),
                List.of("-f", "docker-compose.yml", "rm", "-sfv"))) {
            Map<String, String> env = env();
            env.put("DOCKER_HOST", "unix://" + dead);
            Cmd.Result r = guard(env, argv.toArray(String[]::new));
            faults++;
            assertEquals(ExitCodes.ENGINE_UNAVAILABLE, r.exitCode(), argv + ": " + r);
            assertTrue(r.stderr().contains("not reachable"), r.stderr());
            assertEquals(1, r.stderr().strip().lines().filter(l -> l.contains("not reachable")).count(), r.stderr());
            assertIntact(before);
        }
    }

    @Test
    void failingOrMissingComposeDeletesNothingAfterTheVerifiedBackup() throws Exception {
        String before = GuardHarness.snapshot(volume);
        Map<String, String> env = env();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/bin/false");
        Cmd.Result r = guard(env, "down", "-v");
        faults++;
        assertEquals(1, r.exitCode(), "compose's own exit code is passed through: " + r);
        assertTrue(r.stderr().contains("verified backup"), r.stderr());
        assertIntact(before);
        assertEquals(1, new BackupStore(backups).list().size());
        assertTrue(new BackupStore(backups).list().get(0).manifest().verified);
        noHalfWrittenBackupLooksValid();

        env.put("COMPOSE_GUARD_REAL_COMPOSE", tmp.resolve("no-such-compose").toString());
        r = guard(env, "down", "-v");
        faults++;
        assertEquals(ExitCodes.COMPOSE_NOT_FOUND, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("not an executable file"), r.stderr());
        assertIntact(before);
    }

    // ------------------------------------------------------------------ signals

    /** Starts the launcher in its own process group (as a shell job), so a signal reaches the launcher and the JVM. */
    Process start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("setsid", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectOutput(tmp.resolve("out-" + UUID.randomUUID()).toFile());
        pb.redirectError(tmp.resolve("err-" + UUID.randomUUID()).toFile());
        return pb.start();
    }

    /** Waits until {@code ready} holds (polling), at most 60 s. */
    static void await(String what, java.util.function.BooleanSupplier ready) throws InterruptedException {
        await(what, ready, null);
    }

    /** Like {@link #await(String, java.util.function.BooleanSupplier)}; fails at once when {@code p} ends first. */
    static void await(String what, java.util.function.BooleanSupplier ready, Process p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what);
            }
            if (p != null && !p.isAlive()) {
                fail("the guard ended (exit " + p.exitValue() + ") before " + what);
            }
            Thread.sleep(5);
        }
    }

    /** The partial backup's archive is being written (at least {@code bytes}). */
    boolean streaming(long bytes) {
        return partialFiles().stream().anyMatch(p -> p.toString().contains("/volumes/") && size(p) >= bytes);
    }

    /** The manifest is written: verification is running. */
    boolean verifying() {
        if (!Files.isDirectory(backups)) {
            return false;
        }
        try (Stream<Path> s = Files.list(backups)) {
            return s.anyMatch(d -> d.getFileName().toString().startsWith(".partial-")
                    && Files.exists(d.resolve(Manifest.FILE)));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    List<Path> partialFiles() {
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(backups)) {
            return s.filter(p -> p.toString().contains("/.partial-")).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // the tree changes while we look
        }
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    void signalDuring(String signal, String step, int expectedExit) throws Exception {
        String before = GuardHarness.snapshot(volume);
        Map<String, String> env = env();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/bin/false"); // a signal that comes too late still deletes nothing
        Process p = start(env, "down", "-v");
        long pgid = p.pid(); // setsid: the launcher leads its own process group
        switch (step) {
            case "start" -> Thread.sleep(300);
            case "stream" -> await("the archive to be written", () -> streaming(1_000_000), p);
            case "verify" -> await("the verification", this::verifying, p);
            default -> throw new IllegalArgumentException(step);
        }
        Cmd.Result k = Cmd.run(null, Map.of(), List.of("kill", "-" + signal, "--", "-" + pgid));
        assertEquals(0, k.exitCode(), k.toString());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the guard did not stop after SIG" + signal);
        await("every process of the guard to end", () -> Cmd.run(null, Map.of(),
                List.of("pgrep", "-g", Long.toString(pgid))).exitCode() != 0);
        faults++;
        int code = p.exitValue();
        String err;
        try (Stream<Path> s = Files.list(tmp)) {
            Path e = s.filter(f -> f.getFileName().toString().startsWith("err-")).findFirst().orElseThrow();
            err = Files.readString(e);
            Files.delete(e);
        }
        String where = "SIG" + signal + " during " + step + ": exit " + code + "\n" + err;
        if (signal.equals("KILL")) {
            assertEquals(128 + 9, code, where);
        } else if (code == 1) {
            // the signal came after the verified backup and compose (/bin/false) ran: a verified backup exists
            assertFalse(new BackupStore(backups).list().isEmpty(), where);
            assertIntact(before);
        } else {
            assertEquals(expectedExit, code, where);
            if (!step.equals("start")) {
                assertTrue(err.contains("interrupted during the backup") && err.contains("nothing was deleted"), where);
            }
            assertIntact(before);
        }
        noHalfWrittenBackupLooksValid();
        if (!signal.equals("KILL")) {
            assertNoHelperLeft();
        } else {
            // SIGKILL runs no cleanup: the helper may be left, never a backup that looks valid. The next guard that
            // backs up sees that the helper's guard process is gone and removes it.
            assertIntact(before);
            String leftover = Docker.docker("ps", "-aq", "--filter", "label=dev.compose-guard.helper",
                    "--filter", "volume=" + volume).stdout().trim();
            assertFalse(leftover.isEmpty(), "SIGKILL mid-stream leaves the helper behind");
            Cmd.Result next = guard(env(), "backup");
            assertEquals(0, next.exitCode(), next.toString());
            assertNoHelperLeft();
        }
        if (Files.isDirectory(backups)) {
            try (Stream<Path> s = Files.list(backups)) {
                for (Path d : s.filter(x -> x.getFileName().toString().startsWith(".partial-")).toList()) {
                    BackupRunnerAccess.deleteTree(d); // for the next round
                }
            }
        }
    }

    @Test
    void sigintAndSigtermDuringEachStepLeaveTheVolumeAndNoValidLookingBackup() throws Exception {
        bulk(50);
        for (String step : List.of("start", "stream", "verify")) {
            signalDuring("INT", step, ExitCodes.INTERRUPTED);
            signalDuring("TERM", step, ExitCodes.TERMINATED);
        }
        signalDuring("KILL", "stream", 137);
    }

    /** A unix socket proxy to the real engine, killed to make "the engine" die mid-backup. */
    static final String PROXY = """
            import os, socket, sys, threading
            path = sys.argv[1]
            srv = socket.socket(socket.AF_UNIX); srv.bind(path); srv.listen(64)
            print('ready', flush=True)
            def pump(a, b):
                try:
                    while True:
                        d = a.recv(65536)
                        if not d: break
                        b.sendall(d)
                except OSError: pass
                finally:
                    for s in (a, b):
                        try: s.shutdown(socket.SHUT_RDWR)
                        except OSError: pass
            while True:
                c, _ = srv.accept()
                e = socket.socket(socket.AF_UNIX); e.connect('/var/run/docker.sock')
                threading.Thread(target=pump, args=(c, e), daemon=True).start()
                threading.Thread(target=pump, args=(e, c), daemon=True).start()
            """;

    @Test
    void engineDyingMidBackupDeletesNothing() throws Exception {
        bulk(60);
        String before = GuardHarness.snapshot(volume);
        Path sock = tmp.resolve("engine.sock");
        Process proxy = new ProcessBuilder("python3", "-c", PROXY, sock.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("ready", new java.io.BufferedReader(new java.io.InputStreamReader(proxy.getInputStream())).readLine());
            Map<String, String> env = env();
            env.put("DOCKER_HOST", "unix://" + sock);
            Process p = start(env, "down", "-v");
            await("the archive to be written", () -> streaming(1_000_000), p);
            proxy.destroyForcibly(); // the engine "dies": every connection of the guard to it is cut
            assertTrue(proxy.waitFor(10, TimeUnit.SECONDS));
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            faults++;
            int code = p.exitValue();
            System.out.println("engine died mid-backup: guard exit " + code);
            assertTrue(code == ExitCodes.BACKUP_FAILED || code == ExitCodes.ENGINE_UNAVAILABLE, "exit " + code);
            assertIntact(before);
            noHalfWrittenBackupLooksValid();
            assertTrue(new BackupStore(backups).list().isEmpty());
            assertTrue(partialFiles().isEmpty(), "partial files left: " + partialFiles());
        } finally {
            proxy.destroyForcibly();
            // the guard could not remove its helper through a dead engine
            String left = Docker.docker("ps", "-aq", "--filter", "label=dev.compose-guard.helper",
                    "--filter", "volume=" + volume).stdout().trim();
            if (!left.isEmpty()) {
                System.out.println("engine died mid-backup: helper left (removed by the test)");
                Docker.docker("rm", "-f", left.split("\\s+")[0]);
            }
        }
    }

    // ------------------------------------------------------------------ helper removed mid-stream

    @Test
    void helperContainerRemovedMidStreamFailsTheBackup() throws Exception {
        bulk(60);
        String before = GuardHarness.snapshot(volume);
        Process p = start(env(), "down", "-v");
        await("the archive to be written", () -> streaming(1_000_000));
        String helpers = Docker.docker("ps", "-aq", "--filter", "label=dev.compose-guard.helper",
                    "--filter", "volume=" + volume).stdout().trim();
        assertFalse(helpers.isEmpty());
        Docker.docker("rm", "-f", helpers.split("\\s+")[0]);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        faults++;
        int code = p.exitValue();
        System.out.println("helper removed mid-stream: guard exit " + code);
        if (code == 0) {
            // the engine kept the stream going to the end: then the backup is complete and verified
            assertEquals(1, new BackupStore(backups).list().size());
            assertTrue(new BackupStore(backups).list().get(0).manifest().verified);
            noHalfWrittenBackupLooksValid();
        } else {
            assertTrue(code == ExitCodes.BACKUP_FAILED || code == ExitCodes.ENGINE_UNAVAILABLE, "exit " + code);
            assertIntact(before);
            noHalfWrittenBackupLooksValid();
            assertTrue(new BackupStore(backups).list().isEmpty());
        }
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void secondGuardOnTheSameProjectIsLockedOut() throws Exception {
        bulk(150);
        String before = GuardHarness.snapshot(volume);
        Map<String, String> env = env();
        // The first one backs up, then its compose "fails", but only once the test says so: the lock is held from
        // the backup until compose has finished, so the two other guards meet it however fast the backup is.
        Path release = tmp.resolve("release-first");
        Path fake = tmp.resolve("failing-compose");
        Files.writeString(fake, "#!/bin/sh\n[ \"$1\" = down ] || exit 0\ni=0\nwhile [ ! -e " + release
                + " ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done\nexit 1\n");
        fake.toFile().setExecutable(true);
        env.put("COMPOSE_GUARD_REAL_COMPOSE", fake.toString());
        // gzip -9 of random bytes: the first guard is still streaming when the second one starts, on most machines
        env.put("COMPOSE_GUARD_COMPRESSION", "gzip:9");
        Process first = start(env, "down", "-v");
        Path lock = ProjectLock.fileFor(backups, name);
        await("the first guard's lock", () -> {
            try {
                return Files.exists(lock) && Files.readString(lock).contains("pid=") && streaming(1);
            } catch (IOException e) {
                return false;
            }
        });
        Cmd.Result second = guard(env(), "down", "-v");
        faults++;
        assertEquals(ExitCodes.LOCKED, second.exitCode(), second.toString());
        assertTrue(second.stderr().matches("(?s).*held by pid \\d+ since \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z \\(down -v\\).*"),
                second.stderr());
        Cmd.Result backup = guard(env(), "backup");
        assertEquals(ExitCodes.LOCKED, backup.exitCode(), backup.toString());
        Files.createFile(release);
        assertTrue(first.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, first.exitValue());
        assertIntact(before);
        assertEquals(1, new BackupStore(backups).list().size());
        // the lock is free again
        Cmd.Result again = guard(env(), "backup");
        assertEquals(0, again.exitCode(), again.toString());
    }

    @Test
    void theLockIsHeldUntilComposeHasFinishedDeleting() throws Exception {
        // Under the launcher the guard would normally hand its process to compose; a destructive call instead keeps
        // the JVM (and with it the project lock) alive until compose has finished, so no second guard can start a
        // destructive call on the same project in between.
        Path started = tmp.resolve("compose-started");
        Path fake = tmp.resolve("slow-compose");
        // (the guard also runs it as "version" to learn which compose it is: only the hand-over counts)
        Files.writeString(fake, "#!/bin/sh\n[ \"$1\" = down ] || exit 0\ntouch " + started + "\nsleep 4\nexit 0\n");
        fake.toFile().setExecutable(true);
        Map<String, String> env = env();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", fake.toString());
        Process first = start(env, "down", "-v");
        await("compose to start after the verified backup", () -> Files.exists(started), first);
        Cmd.Result second = guard(env(), "down", "-v");
        faults++;
        assertEquals(ExitCodes.LOCKED, second.exitCode(), second.toString());
        assertTrue(second.stderr().contains("held by pid"), second.stderr());
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), "compose's exit code passes through");
        Cmd.Result again = guard(env(), "backup");
        assertEquals(0, again.exitCode(), "the lock is free once compose has finished: " + again);
    }

    @Test
    void backupWhileUpRecreatesTheContainersVerifiesOrFailsClearly() throws Exception {
        bulk(60);
        Process backup = start(env(), "backup");
        await("the backup to start", () -> streaming(1));
        Cmd.Result up = Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d", "--force-recreate"));
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(backup.waitFor(120, TimeUnit.SECONDS));
        faults++;
        int code = backup.exitValue();
        System.out.println("backup during up --force-recreate: exit " + code);
        if (code == 0) {
            Cmd.Result v = guard(env(), "backups", "verify");
            assertEquals(0, v.exitCode(), v.toString());
        } else {
            assertTrue(code == ExitCodes.BACKUP_FAILED || code == ExitCodes.ENGINE_UNAVAILABLE, "exit " + code);
            assertTrue(new BackupStore(backups).list().isEmpty());
        }
        noHalfWrittenBackupLooksValid();
        assertTrue(Docker.volumeExists(volume));
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("faults injected: " + faults);
    }

    // ------------------------------------------------------------------ the launcher


    /** Test access to the backup package's tree deletion. */
    static final class BackupRunnerAccess {
        static void deleteTree(Path d) throws IOException {
            try (Stream<Path> w = Files.walk(d)) {
                for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
