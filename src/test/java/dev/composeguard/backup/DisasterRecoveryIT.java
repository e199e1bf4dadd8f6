package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.guard.DownVolumesIT;
import dev.composeguard.guard.GuardHarness;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/DISASTER-RECOVERY.md followed step by step against the real engine and docker-compose. */
@Tag("it")
class DisasterRecoveryIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void down() {
        Docker.removeProject(name);
        Docker.docker("volume", "rm", "-f", name + "_manual");
    }

    Map<String, String> env(String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path());
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    Cmd.Result compose(String... args) {
        List<String> argv = new java.util.ArrayList<>(Composes.v2("-p", name));
        argv.addAll(List.of(args));
        return Cmd.run(dir, Map.of(), argv);
    }

    @Test
    void theRunbookWorks() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), DownVolumesIT.COMPOSE);
        assertEquals(0, compose("up", "-d").exitCode());
        String volume = name + "_data";
        DownVolumesIT.fill(volume);
        String good = GuardHarness.snapshot(volume);

        // §5: the scheduled backup (run in the project directory, as cron does)
        GuardRun backup = GuardRun.in(dir, env(), "backup", "-p", name);
        assertEquals(0, backup.exitCode, backup.toString());
        String id = Path.of(backup.out.trim()).getFileName().toString();

        // the disaster: the data is damaged
        Docker.docker("run", "--rm", "-v", volume + ":/data", Docker.BUSYBOX, "sh", "-c", "rm -rf /data/sub /data/table.dat");
        assertNotEquals(good, GuardHarness.snapshot(volume));

        // §1, §2: find and check
        GuardRun list = GuardRun.in(dir, env(), "backups", "list");
        assertTrue(list.out.contains(id) && list.out.contains("verified"), list.toString());
        assertEquals(0, GuardRun.in(dir, env(), "backups", "verify", id).exitCode);

        // §3: stop without -v; a volume still mounted by a container is never replaced
        GuardRun inUse = GuardRun.in(dir, env("COMPOSE_GUARD_CONFIRM", name), "restore", id);
        assertEquals(ExitCodes.REFUSED, inUse.exitCode, inUse.toString());
        assertEquals(0, compose("down").exitCode());
        GuardRun dry = GuardRun.in(dir, env(), "restore", id, "--dry-run");
        assertEquals(0, dry.exitCode, dry.toString());
        assertTrue(dry.err.contains("REPLACES"), dry.toString());
        GuardRun noConsent = GuardRun.in(dir, env(), "restore", id);
        assertEquals(ExitCodes.REFUSED, noConsent.exitCode, noConsent.toString());
        GuardRun restore = GuardRun.in(dir, env("COMPOSE_GUARD_CONFIRM", name), "restore", id, "--volume", volume);
        assertEquals(0, restore.exitCode, restore.toString());
        // restore never destroys data itself: the damaged contents it replaced got a verified backup first
        assertTrue(restore.err.contains("verified backup of what the restore replaces"), restore.toString());
        assertEquals(0, compose("up", "-d").exitCode());
        assertEquals(good, GuardHarness.snapshot(volume));
        Cmd.Result inside = compose("exec", "-T", "app", "cat", "/data/table.dat");
        assertEquals("precious rows\n", inside.stdout(), inside.toString());
        String labels = Docker.docker("volume", "inspect", "-f", "{{json .Labels}}", volume).stdout();
        assertTrue(labels.contains("dev.compose-guard.restored-from") && labels.contains(id), labels);

        // §3 "without compose-guard": a plain tar, zstd-compressed; Debian's zstd and GNU tar restore it
        Path b = backups.resolve(id);
        if (Docker.docker("image", "inspect", ArchiveExactnessIT.TOOLS).exitCode() == 0) {
            Cmd.Result manual = Docker.docker("run", "--rm", "-v", name + "_manual:/v", "-v", b + ":/b:ro",
                    ArchiveExactnessIT.TOOLS, "sh", "-c", "zstd -dc /b/volumes/" + volume + ".tar.zst | tar -x"
                            + " --xattrs --xattrs-include='*' --acls --numeric-owner -p -f - -C /v");
            assertEquals(0, manual.exitCode(), manual.toString());
            assertEquals(good, GuardHarness.snapshot(name + "_manual"));
        }

        // §5: check for cron
        assertEquals(0, GuardRun.in(dir, env(), "backups", "check", "--max-age", "2h", "-p", name).exitCode);
    }
}
