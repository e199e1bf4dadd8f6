package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.plan.TestProjects;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Project;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup directory that is full or read-only: nothing is deleted, nothing partial is left, a clear exit. */
@Tag("it")
class BackupSpaceIT {
    @TempDir
    Path dir;
    @TempDir
    Path mountPoint;
    String name;
    String volume;
    Project project;
    boolean mounted;

    @BeforeEach
    void up() throws Exception {
        name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);
        volume = name + "_data";
        Files.writeString(dir.resolve("docker-compose.yml"), DownVolumesIT.COMPOSE);
        Cmd.Result r = Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d"));
        assertEquals(0, r.exitCode(), r.toString());
        project = TestProjects.project(name, dir, ComposeFlavor.V1)
                .service("app", Docker.BUSYBOX, true, "data:/data").volume("data").build();
    }

    @AfterEach
    void down() {
        if (mounted) {
            Cmd.run(null, Map.of(), List.of("umount", mountPoint.toString()));
        }
        Docker.removeProject(name);
        Docker.docker("volume", "rm", "-f", volume);
    }

    void tmpfs(String opts) {
        Cmd.Result r = Cmd.run(null, Map.of(), List.of("mount", "-t", "tmpfs", "-o", opts, "tmpfs", mountPoint.toString()));
        assertEquals(0, r.exitCode(), "mounting a tmpfs needs root: " + r);
        mounted = true;
    }

    GuardHarness downV() {
        Map<String, String> env = GuardHarness.baseEnv(mountPoint.resolve("backups"));
        env.put("COMPOSE_GUARD_CONFIRM", name);
        return GuardHarness.run(dir, env, project, "-f", dir.resolve("docker-compose.yml").toString(), "-p", name,
                "down", "-v");
    }

    void assertRefusedAndIntact(GuardHarness g, String before, String why) throws Exception {
        assertEquals(ExitCodes.BACKUP_FAILED, g.exitCode, g.toString());
        assertTrue(g.err.contains(why) && (g.err.contains("nothing was deleted") || g.err.contains("nothing was done")),
                g.toString());
        assertTrue(Docker.volumeExists(volume));
        assertEquals(before, GuardHarness.snapshot(volume));
        try (var left = Files.walk(mountPoint)) {
            // the project's lock file (backup dir/locks/) stays by design: it is not a backup
            assertEquals(List.of(), left.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().getFileName().toString().equals("locks")).toList(), "no partial file is left");
        }
        assertEquals("", Docker.docker("ps", "-aq", "--filter", "label=dev.compose-guard.helper",
                "--filter", "volume=" + volume).stdout().trim());
    }

    @Test
    void tooLittleSpaceForTheVolumeIsRefusedBeforeWriting() throws Exception {
        Docker.docker("run", "--rm", "-v", volume + ":/data", Docker.BUSYBOX, "sh", "-c",
                "head -c 3000000 /dev/urandom > /data/big");
        String before = GuardHarness.snapshot(volume);
        tmpfs("size=1m");
        assertRefusedAndIntact(downV(), before, "not enough free space");
    }

    @Test
    void runningOutOfSpaceMidwayCleansUpThePartialBackup() throws Exception {
        // 12000 empty files with random 200-character names: the engine's size is 0, yet the archive (names and
        // headers) outgrows 1 MiB while it is being written.
        Cmd.Result r = Docker.docker("run", "--rm", "-v", volume + ":/data", Docker.BUSYBOX, "sh", "-c",
                "cd /data && head -c 1200000 /dev/urandom | od -An -tx1 | tr -d ' \\n' | fold -w 200 | "
                        + "while read n; do : > \"$n\"; done; ls | wc -l");
        assertEquals(0, r.exitCode(), r.toString());
        String before = GuardHarness.snapshot(volume);
        tmpfs("size=1m");
        assertRefusedAndIntact(downV(), before, "No space left on device");
    }

    @Test
    void readOnlyBackupDirectoryIsRefused() throws Exception {
        DownVolumesIT.fill(volume);
        String before = GuardHarness.snapshot(volume);
        tmpfs("size=4m,ro");
        assertRefusedAndIntact(downV(), before, "Read-only file system");
    }
}
