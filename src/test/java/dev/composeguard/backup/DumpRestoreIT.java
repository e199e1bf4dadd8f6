package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Databases;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore BACKUP --dump SERVICE} on a real PostgreSQL 15: a dropped table comes back from the pg_dumpall of the
 * backup, with the container's own credentials; the password appears nowhere; no confirmation means nothing changes;
 * a service without a dump is one line and exit 2.
 */
@Tag("it")
class DumpRestoreIT {
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

    Map<String, String> env(String confirm) {
        var env = new java.util.HashMap<String, String>();
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/usr/bin/docker-compose");
        env.put("COMPOSE_GUARD_TTY", "/nonexistent");
        if (confirm != null) {
            env.put("COMPOSE_GUARD_CONFIRM", confirm);
        }
        return env;
    }

    String rows() {
        return Databases.execIn(name, "db", Map.of("PGPASSWORD", password), "psql", "-At", "-U", "postgres", "-c",
                "select count(*) from precious").stdout().trim();
    }

    @Test
    void droppedTableComesBack() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), Databases.postgresProject(password));
        Cmd.Result up = Cmd.run(dir, Map.of(), List.of("docker-compose", "-p", name, "up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        Databases.fillPostgres(name, password, 1234);
        GuardRun backup = GuardRun.in(dir, env(null), "backup", "-p", name);
        assertEquals(0, backup.exitCode, backup.toString());
        String id = Path.of(backup.out.trim()).getFileName().toString();
        Cmd.Result drop = Databases.execIn(name, "db", Map.of("PGPASSWORD", password), "psql", "-U", "postgres", "-c",
                "drop table precious");
        assertEquals(0, drop.exitCode(), drop.toString());

        GuardRun noDump = GuardRun.in(dir, env(name), "restore", id, "--dump", "nosuch");
        assertEquals(ExitCodes.USAGE, noDump.exitCode, noDump.toString());
        assertEquals(1, noDump.err.strip().lines().count(), noDump.err);
        GuardRun refused = GuardRun.in(dir, env(null), "restore", id, "--dump", "db");
        assertEquals(ExitCodes.REFUSED, refused.exitCode, refused.toString());

        GuardRun restored = GuardRun.in(dir, env(name), "restore", id, "--dump", "db");
        assertEquals(0, restored.exitCode, restored.toString());
        assertEquals("1234", rows());
        assertTrue(restored.err.contains("replaced tables=0 rows=0 with tables=1 rows=1234"), restored.toString());
        assertFalse(restored.err.contains(password) || restored.out.contains(password));
    }
}
