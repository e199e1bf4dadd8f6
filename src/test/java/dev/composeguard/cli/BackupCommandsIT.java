package dev.composeguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.guard.DownVolumesIT;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup, backups list|check|verify|prune through the whole CLI against the real engine. */
@Tag("it")
class BackupCommandsIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void down() {
        Docker.removeProject(name);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path());
        return env;
    }

    GuardRun guard(String... args) {
        return GuardRun.in(dir, env(), args);
    }

    @Test
    void backupListCheckVerifyPrune() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), DownVolumesIT.COMPOSE);
        String file = dir.resolve("docker-compose.yml").toString();
        Cmd.Result up = Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        String volume = name + "_data";
        DownVolumesIT.fill(volume);

        GuardRun check0 = guard("backups", "check", "--max-age", "6h", "-f", file, "-p", name);
        assertEquals(ExitCodes.FINDINGS, check0.exitCode, check0.toString());
        assertTrue(check0.out.contains("STALE " + volume + ": no verified backup"), check0.toString());

        GuardRun b1 = guard("backup", "-f", file, "-p", name);
        assertEquals(0, b1.exitCode, b1.toString());
        Path first = Path.of(b1.out.trim());
        assertTrue(Files.isRegularFile(first.resolve("manifest.json")), b1.toString());
        Thread.sleep(1100); // backup ids have a one-second resolution
        GuardRun b2 = guard("backup", "-f", file, "-p", name, "--volume", "data");
        assertEquals(0, b2.exitCode, b2.toString());

        GuardRun list = guard("backups", "list", "--format", "json");
        assertEquals(0, list.exitCode, list.toString());
        assertTrue(list.out.contains("\"name\" : \"" + volume + "\""), list.out);
        assertEquals(2, new BackupStore(backups).list().size());

        GuardRun check = guard("backups", "check", "--max-age", "6h", "-f", file, "-p", name);
        assertEquals(0, check.exitCode, check.toString());
        Thread.sleep(2100); // older than --max-age 1s
        GuardRun stale = GuardRun.in(backups, env(), "backups", "check", "--max-age", "1s"); // no project here: the store
        assertEquals(ExitCodes.FINDINGS, stale.exitCode, stale.toString());
        assertTrue(stale.out.contains("STALE " + volume), stale.toString());

        assertEquals(0, guard("backups", "verify").exitCode);
        // one flipped byte in the older archive: verify names it and fails
        Path archive = first.resolve("volumes/" + volume + ".tar.zst");
        try (RandomAccessFile raf = new RandomAccessFile(archive.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0xff);
        }
        GuardRun verify = guard("backups", "verify");
        assertEquals(ExitCodes.BACKUP_FAILED, verify.exitCode, verify.toString());
        assertTrue(verify.out.contains(first.getFileName() + ": BAD"), verify.toString());
        GuardRun restoreBad = guard("restore", first.toString(), "--to", name + "_x");
        assertEquals(ExitCodes.BACKUP_FAILED, restoreBad.exitCode, restoreBad.toString());
        assertTrue(!Docker.volumeExists(name + "_x"), "nothing is written from a damaged archive");

        GuardRun dry = guard("backups", "prune", "--keep-daily", "1", "--dry-run");
        assertEquals(0, dry.exitCode, dry.toString());
        assertTrue(dry.out.contains("would delete " + first.getFileName()), dry.toString());
        assertEquals(2, new BackupStore(backups).list().size());
        GuardRun prune = guard("backups", "prune", "--keep-daily", "1");
        assertEquals(0, prune.exitCode, prune.toString());
        assertEquals(1, new BackupStore(backups).list().size());
        assertTrue(Files.exists(Path.of(b2.out.trim())), "the newest backup is kept");
    }
}
