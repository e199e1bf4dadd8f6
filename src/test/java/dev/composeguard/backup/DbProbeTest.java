package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.engine.ContainerRuntime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drill's probes and what a backup records for them (MongoDB has no Debian package: its recipe is tested here). */
class DbProbeTest {
    @Test
    void countsAreTheLastLineOfPairs() {
        assertEquals(Map.of("tables", 3L, "rows", 5000L), DbProbe.parseCounts("NOTICE: x\ntables=3 rows=5000\n"));
        assertEquals(Map.of("keys", 2L), DbProbe.parseCounts("keys=2"));
        assertTrue(DbProbe.parseCounts("garbage\n").isEmpty());
        assertEquals(Map.of("collections", 2L, "documents", 9L),
                DbProbe.parseCounts("Current Mongosh Log ID: 1\ncollections=2 documents=9"));
    }

    @Test
    void fewerThanAtBackupTimeFailsMoreIsFine() {
        Map<String, Long> at = Map.of("tables", 1L, "rows", 100L);
        assertNull(DbProbe.shortfall(at, Map.of("tables", 1L, "rows", 130L)));
        assertEquals("rows: 99 < 100 recorded at backup", DbProbe.shortfall(at, Map.of("tables", 1L, "rows", 99L)));
        assertEquals("no rows count", DbProbe.shortfall(at, Map.of("tables", 1L)));
        assertNull(DbProbe.shortfall(null, Map.of()));
    }

    @Test
    void everyKnownDatabaseHasAProbeAndAReplayAndNoneNamesACredentialValue() {
        for (String kind : List.of("postgres", "mysql", "redis", "mongo")) {
            DbProbe p = DbProbe.of(kind);
            assertEquals(kind, p.kind());
            assertEquals("sh", p.readyCommand().get(0));
            assertTrue(DumpReplay.script(kind).contains("\"$1\""), kind);
        }
        // Mongo: readiness by ping, counts in JavaScript reading the credentials from the container's environment.
        assertTrue(DbProbe.MONGO.ready().contains("mongosh") && DbProbe.MONGO.ready().contains("ping"));
        assertTrue(DbProbe.MONGO.count().contains("process.env.MONGO_INITDB_ROOT_PASSWORD"));
        assertFalse(DbProbe.MONGO.count().contains("--password"));
        assertTrue(DumpReplay.MONGO.contains("--config") && !DumpReplay.MONGO.contains("--password"));
        assertNull(DbProbe.of("nginx"));
    }

    @Test
    void healthchecksBecomeExecCommands() {
        assertEquals(List.of("pg_isready"), Drill.healthcheck(List.of("CMD", "pg_isready")));
        assertEquals(List.of("sh", "-c", "redis-cli ping"), Drill.healthcheck(List.of("CMD-SHELL", "redis-cli ping")));
        assertNull(Drill.healthcheck(List.of("NONE")));
        assertNull(Drill.healthcheck(List.of()));
    }

    @Test
    void aCommandHoldingASecretIsNotRecorded() {
        var env = List.of("PGHOST=/tmp", "POSTGRES_USER=postgres", "REDIS_PASSWORD=s3cr3t-value");
        var plain = new ContainerRuntime("redis:7", "sha256:1", List.of(), List.of("redis-server", "--dir", "/tmp"),
                "", env, List.of("CMD-SHELL", "redis-cli ping"));
        Manifest.Runtime r = VolumeFacts.runtime(plain);
        assertEquals(List.of("redis-server", "--dir", "/tmp"), r.cmd);
        assertEquals(List.of("CMD-SHELL", "redis-cli ping"), r.healthcheck);
        var secret = new ContainerRuntime("redis:7", "sha256:1", List.of(), List.of("redis-server", "--requirepass",
                "s3cr3t-value"), "", env, List.of("CMD-SHELL", "redis-cli -a s3cr3t-value ping"));
        Manifest.Runtime s = VolumeFacts.runtime(secret);
        assertNull(s.cmd);
        assertNull(s.healthcheck);
        assertFalse(new Manifest().toJsonString().contains("s3cr3t"));
    }

    @Test
    void theDrillUsesTheRecordedCommandWithTheLiveEnvironment() {
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.runtime = VolumeFacts.runtime(new ContainerRuntime("pg", "sha256:1", List.of(), List.of("postgres"), "999",
                List.of(), List.of()));
        ContainerRuntime live = new ContainerRuntime("pg:16", "sha256:2", List.of("x"), List.of("other"), "", List.of(
                "POSTGRES_PASSWORD=pw123"), List.of("CMD", "true"));
        ContainerRuntime used = Drill.runtime(a, x -> live);
        assertEquals(List.of("postgres"), used.cmd());
        assertEquals("sha256:1", used.imageId());
        assertEquals("999", used.user());
        assertEquals(live.env(), used.env());
        assertEquals(List.of("CMD", "true"), used.healthcheck());
        a.runtime = null;
        assertEquals(live, Drill.runtime(a, x -> live));
    }
}
