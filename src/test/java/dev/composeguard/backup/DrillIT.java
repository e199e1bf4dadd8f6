package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.JsonCodec;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Databases;
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

/**
 * {@code backups drill} on three real databases (PostgreSQL 15, MariaDB, Redis from Debian packages): each comes
 * back on a scratch volume, answers and holds at least what was counted at backup time; the result is in the
 * manifest and in {@code backups list}; nothing labelled {@code dev.compose-guard.drill} is left. A backup of a
 * PostgreSQL whose files are intact but which cannot start fails the drill.
 */
@Tag("it")
class DrillIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name = "cgit-drill-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "Pw" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void down() {
        Databases.remove(name);
    }

    String compose() {
        return "services:\n" + Databases.postgresService(password) + Databases.mariadbAndRedisServices(password) + """
                  files:
                    image: compose-guard-test/busybox:1
                    command: ["sh", "-c", "echo hello > /srv/a; mkdir -p /srv/b; echo x > /srv/b/c; sleep 3600"]
                    volumes:
                      - files:/srv
                volumes:
                  pgdata: {}
                  mariadata: {}
                  redisdata: {}
                  files: {}
                """.formatted(password);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/usr/bin/docker-compose");
        return env;
    }

    @Test
    void threeDatabasesComeBackAndABrokenOneFails() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), compose());
        Cmd.Result up = Cmd.run(dir, Map.of(), List.of("docker-compose", "-p", name, "up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        Databases.fillPostgres(name, password, 5000);
        Databases.until(() -> Databases.execIn(name, "maria", Map.of(), "mariadb", "-uroot", "-e",
                "create database if not exists shop; create table if not exists shop.orders(id int primary key);"
                        + " replace into shop.orders values (1),(2),(42);"));
        assertEquals(0, Databases.execIn(name, "cache", Map.of("REDISCLI_AUTH", password), "redis-cli", "MSET", "a", "1", "b",
                "2").exitCode());

        GuardRun backup = GuardRun.in(dir, env(), "backup", "-p", name);
        assertEquals(0, backup.exitCode, backup.toString());
        Manifest taken = new BackupStore(backups).list().get(0).manifest();
        Map<String, Manifest.VolumeArchive> byName = new HashMap<>();
        taken.volumes.forEach(v -> byName.put(v.name, v));
        assertEquals(Map.of("tables", 1L, "rows", 5000L), byName.get(name + "_pgdata").counts);
        assertEquals(Map.of("tables", 1L, "rows", 3L), byName.get(name + "_mariadata").counts);
        assertEquals(Map.of("keys", 2L), byName.get(name + "_redisdata").counts);
        assertEquals("frozen", byName.get(name + "_pgdata").consistency);

        GuardRun drill = GuardRun.in(dir, env(), "backups", "drill", "-p", name, "--format", "json");
        assertEquals(0, drill.exitCode, drill.toString());
        JsonNode vols = JsonCodec.MAPPER.readTree(drill.out);
        assertEquals(4, vols.size(), drill.out);
        for (JsonNode v : vols) {
            assertEquals("ok", v.path("result").asText(), v.toString());
            assertTrue(v.has("seconds") && v.has("counts") && v.has("service") && v.has("started"), v.toString());
            boolean db = !v.path("volume").asText().endsWith("_files");
            assertEquals(db, v.path("started").asBoolean(), v.toString());
        }
        assertFalse(drill.out.contains(password) || drill.err.contains(password));
        assertTrue(Files.readString(new BackupStore(backups).list().get(0).dir().resolve(Manifest.FILE))
                .contains("\"drills\""));
        GuardRun list = GuardRun.in(dir, env(), "backups", "list");
        assertTrue(list.out.contains("drill ok"), list.toString());
        assertNoLeftovers();

        // Files intact, database not startable: pg_control gone. The drill must fail.
        Cmd.Result stop = Cmd.run(dir, Map.of(), List.of("docker-compose", "-p", name, "stop", "db"));
        assertEquals(0, stop.exitCode(), stop.toString());
        Cmd.Result rm = Docker.docker("run", "--rm", "--network", "none", "-v", name + "_pgdata:/d", Docker.BUSYBOX,
                "rm", "/d/global/pg_control");
        assertEquals(0, rm.exitCode(), rm.toString());
        GuardRun broken = GuardRun.in(dir, env(), "backup", "-p", name, "--volume", "pgdata");
        assertEquals(0, broken.exitCode, broken.toString());
        String id = Path.of(broken.out.trim()).getFileName().toString();
        GuardRun failed = GuardRun.in(dir, env(), "backups", "drill", id);
        assertEquals(ExitCodes.FINDINGS, failed.exitCode, failed.toString());
        assertTrue(failed.out.contains("failed") && failed.out.contains("did not start"), failed.toString());
        assertTrue(GuardRun.in(dir, env(), "backups", "list").out.contains("drill FAILED"));
        assertNoLeftovers();
    }

    static void assertNoLeftovers() {
        assertEquals("", Docker.docker("ps", "-aq", "--filter", "label=" + Drill.LABEL).stdout().trim());
        assertEquals("", Docker.docker("volume", "ls", "-q", "--filter", "label=" + Drill.LABEL).stdout().trim());
    }
}
