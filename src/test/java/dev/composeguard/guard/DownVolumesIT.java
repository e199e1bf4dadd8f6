package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.plan.TestProjects;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Project;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker-compose down -v} through the guard, against the real engine and the real docker-compose. */
@Tag("it")
public class DownVolumesIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name;
    String volume;
    Project project;

    public static final String COMPOSE = """
            version: "3.7"
            services:
              app:
                image: compose-guard-test/busybox:1
                command: ["sleep", "3600"]
                volumes:
                  - data:/data
            volumes:
              data: {}
            """;

    @BeforeEach
    void up() throws Exception {
        name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);
        volume = name + "_data";
        Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE);
        Cmd.Result r = Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d"));
        assertEquals(0, r.exitCode(), r.toString());
        fill(volume);
        project = TestProjects.project(name, dir, ComposeFlavor.V1)
                .service("app", Docker.BUSYBOX, true, "data:/data").volume("data").build();
    }

    /** Files with odd modes and owners, a symlink, an empty dir, a nested file, a file with a space. */
    public static void fill(String volume) {
        Cmd.Result r = Docker.docker("run", "--rm", "--network", "none", "-v", volume + ":/data", Docker.BUSYBOX, "sh",
                "-c", "cd /data && echo 'precious rows' > table.dat && chmod 640 table.dat && chown 999:999 table.dat"
                        + " && mkdir -p sub/empty && head -c 200000 /dev/urandom > sub/blob.bin && chmod 600 sub/blob.bin"
                        + " && ln -s table.dat current && ln -s ../table.dat sub/up && echo x > 'with space.txt'"
                        + " && chmod 4755 'with space.txt' && chmod 750 sub");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @AfterEach
    void down() {
        Docker.removeProject(name);
        Docker.docker("volume", "rm", "-f", volume);
    }

    Map<String, String> env(String... kv) {
        Map<String, String> env = GuardHarness.baseEnv(backups);
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    GuardHarness downV(Map<String, String> env, String... flags) {
        String[] argv = Stream.concat(Stream.of("-f", dir.resolve("docker-compose.yml").toString(), "-p", name, "down"),
                Stream.of(flags)).toArray(String[]::new);
        return GuardHarness.run(dir, env, project, argv);
    }

    @Test
    void noTerminalAndNoConsentIsRefusedAndTheDataIsIntact() {
        String before = GuardHarness.snapshot(volume);
        for (String flag : List.of("-v", "--volumes", "--volumes=true")) {
            GuardHarness g = downV(env(), flag);
            assertEquals(ExitCodes.REFUSED, g.exitCode, g.toString());
            assertTrue(g.err.contains(volume), g.toString());
            assertTrue(g.err.contains("COMPOSE_GUARD_CONFIRM"), g.toString());
        }
        assertTrue(Docker.volumeExists(volume));
        assertEquals(before, GuardHarness.snapshot(volume));
        assertTrue(new BackupStore(backups).list().isEmpty());
    }

    @Test
    void wrongProjectNameInConsentIsRefused() {
        String before = GuardHarness.snapshot(volume);
        for (String word : List.of("yes", "y", name + " ", name.toUpperCase(), "")) {
            GuardHarness g = downV(env("COMPOSE_GUARD_CONFIRM", word), "-v");
            assertEquals(ExitCodes.REFUSED, g.exitCode, g.toString());
        }
        // compose's own -y is never consent (v1 has no -y for down: the guard refuses before compose could object)
        assertEquals(before, GuardHarness.snapshot(volume));
    }

    @Test
    void rightConsentTakesAVerifiedBackupThenComposeRemovesTheVolumeAndRestoreBringsItBack() throws Exception {
        String before = GuardHarness.snapshot(volume);
        // Through the whole CLI: argv parsing, the real project loader, the steps, the hand-over to docker-compose.
        GuardRun g = GuardRun.in(dir, env("COMPOSE_GUARD_CONFIRM", name), "-f",
                dir.resolve("docker-compose.yml").toString(), "-p", name, "down", "--volumes");
        assertEquals(0, g.exitCode, g.toString());
        assertFalse(Docker.volumeExists(volume), "compose removed the volume");
        var list = new BackupStore(backups).list();
        assertEquals(1, list.size());
        var b = list.get(0);
        assertTrue(b.manifest().verified);
        assertEquals(volume, b.manifest().volumes.get(0).name);
        assertEquals(7, b.manifest().volumes.get(0).entries, before);
        assertTrue(g.err.contains(b.dir().toString()), g.toString());
        // modes: directories 0700, files 0600
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(b.dir())));
        try (var files = Files.walk(b.dir())) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(f)), f.toString());
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
        // no helper container is left behind
        assertEquals("", Docker.docker("ps", "-aq", "--filter", "label=dev.compose-guard.helper", "--filter", "volume=" + volume).stdout().trim());

        // restore: byte-identical files, modes, owners, symlinks; original labels
        GuardRun dry = GuardRun.in(dir, env(), "restore", b.id(), "--dry-run");
        assertEquals(0, dry.exitCode, dry.toString());
        assertFalse(Docker.volumeExists(volume), "dry run changes nothing");
        GuardRun r = GuardRun.in(dir, env(), "restore", b.id());
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(before, GuardHarness.snapshot(volume));
        String labels = Docker.docker("volume", "inspect", "-f", "{{json .Labels}}", volume).stdout();
        assertTrue(labels.contains("\"com.docker.compose.project\":\"" + name + "\""), labels);

        // a non-empty target is refused without consent; --to restores into a new volume
        GuardRun again = GuardRun.in(dir, env(), "restore", b.id());
        assertEquals(ExitCodes.REFUSED, again.exitCode, again.toString());
        String copy = name + "_copy";
        try {
            GuardRun to = GuardRun.in(dir, env(), "restore", b.id(), "--volume", volume, "--to", copy);
            assertEquals(0, to.exitCode, to.toString());
            assertEquals(before, GuardHarness.snapshot(copy));
            GuardRun over = GuardRun.in(dir, env("COMPOSE_GUARD_CONFIRM", name), "restore", b.id(), "--to", copy);
            assertEquals(0, over.exitCode, over.toString());
            assertEquals(before, GuardHarness.snapshot(copy));
        } finally {
            Docker.docker("volume", "rm", "-f", copy);
        }
    }
}
