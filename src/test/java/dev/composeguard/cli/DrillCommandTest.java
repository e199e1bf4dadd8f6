package dev.composeguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.backup.Manifest;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input for drill and restore --dump (one line, documented exit code, nothing changed) and check --drill-age. */
class DrillCommandTest {
    @TempDir
    Path dir;
    @TempDir
    Path backups;

    Map<String, String> env() {
        return Map.of("COMPOSE_GUARD_BACKUP_DIR", backups.toString(), "DOCKER_HOST", "unix://" + dir.resolve("no.sock"),
                "COMPOSE_GUARD_TTY", "/nonexistent");
    }

    Path backup(Instant drilled) throws Exception {
        Path b = Files.createDirectory(backups.resolve("p-1"));
        Manifest m = new Manifest();
        m.id = "p-1";
        m.project = "p";
        m.createdAt = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        m.verified = true;
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.name = "p_data";
        m.volumes.add(a);
        if (drilled != null) {
            Manifest.DrillRecord d = new Manifest.DrillRecord();
            d.at = drilled.toString();
            d.ok = true;
            m.drills.add(d);
        }
        Files.write(b.resolve(Manifest.FILE), m.toJson());
        return b;
    }

    @Test
    void aDirectoryThatIsNoBackupIsOneLineAndExit2() {
        GuardRun r = GuardRun.in(dir, env(), "backups", "drill", dir.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode, r.toString());
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.contains("is not a backup"), r.err);
    }

    @Test
    void aDrillWithTheEngineDownIsExit5AndRecordsNothing() throws Exception {
        Path b = backup(null);
        String before = Files.readString(b.resolve(Manifest.FILE));
        GuardRun r = GuardRun.in(dir, env(), "backups", "drill", b.toString());
        assertEquals(ExitCodes.ENGINE_UNAVAILABLE, r.exitCode, r.toString());
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertEquals(before, Files.readString(b.resolve(Manifest.FILE)));
    }

    @Test
    void aServiceWithoutADumpIsOneLineAndExit2() throws Exception {
        Path b = backup(null);
        GuardRun r = GuardRun.in(dir, env(), "restore", b.toString(), "--dump", "db");
        assertEquals(ExitCodes.USAGE, r.exitCode, r.toString());
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.contains("holds no dump of service db"), r.err);
    }

    @Test
    void checkDrillAgeNeedsARecentSuccessfulDrillOfTheNewestBackup() throws Exception {
        backup(null);
        GuardRun never = GuardRun.in(dir, env(), "backups", "check", "--max-age", "1d", "--drill-age", "8d");
        assertEquals(ExitCodes.FINDINGS, never.exitCode, never.toString());
        assertTrue(never.out.contains("never passed a drill"), never.toString());
        GuardRun noDrillAge = GuardRun.in(dir, env(), "backups", "check", "--max-age", "1d");
        assertEquals(ExitCodes.OK, noDrillAge.exitCode, noDrillAge.toString());
    }

    @Test
    void checkDrillAgePassesWithARecentDrillAndFailsWithAnOldOne() throws Exception {
        backup(Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS));
        GuardRun ok = GuardRun.in(dir, env(), "backups", "check", "--max-age", "1d", "--drill-age", "8d");
        assertEquals(ExitCodes.OK, ok.exitCode, ok.toString());
        GuardRun old = GuardRun.in(dir, env(), "backups", "check", "--max-age", "1d", "--drill-age", "12h");
        assertEquals(ExitCodes.FINDINGS, old.exitCode, old.toString());
        assertTrue(GuardRun.in(dir, env(), "backups", "list").out.contains("drill ok"));
    }
}
