package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Databases;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL 15 (Debian package, compose-guard-test/postgres:15) with a password: down -v takes a pg_dumpall
 * inside the container with the credentials from the container's own environment, and the password appears nowhere:
 * not in the guard's output, the manifest, file names or file contents.
 */
@Tag("it")
class PostgresDumpIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "Pw" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void down() {
        Databases.remove(name);
    }

    String compose() {
        return "version: \"3.7\"\n" + Databases.postgresProject(password);
    }

    @Test
    void pgDumpallWithCredentialsFromTheContainerAndNoPasswordAnywhere() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), compose());
        Cmd.Result up = Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        String container = Databases.waitForPostgres(name, password);
        Cmd.Result fill = Databases.psql(container, password, "create table precious(id int primary key, v text);"
                + " insert into precious select g, 'row ' || g from generate_series(1, 5000) g;");
        assertEquals(0, fill.exitCode(), fill.toString());

        GuardRun g = GuardRun.in(dir, Map.of("COMPOSE_GUARD_BACKUP_DIR", backups.toString(),
                "COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path(), "COMPOSE_GUARD_CONFIRM", name),
                "-f", dir.resolve("docker-compose.yml").toString(), "-p", name, "down", "-v");
        assertEquals(0, g.exitCode, g.toString());
        assertFalse(Docker.volumeExists(name + "_pgdata"));

        var all = new BackupStore(backups).list();
        assertEquals(1, all.size());
        Manifest m = all.get(0).manifest();
        assertEquals(1, m.dumps.size(), g.toString());
        assertEquals("postgres", m.dumps.get(0).kind);
        Path dump = all.get(0).dir().resolve(m.dumps.get(0).file);
        String sql;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dump))) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(sql.contains("CREATE TABLE public.precious"), "the dump holds the table");
        assertTrue(sql.contains("5000\trow 5000"), "and its rows");
        assertTrue(sql.contains("PostgreSQL database cluster dump complete"));

        // The password is nowhere: output, manifest, names, contents (decompressed too).
        assertFalse(g.out.contains(password) || g.err.contains(password), "guard output");
        try (var files = Files.walk(backups)) {
            for (Path p : files.toList()) {
                assertFalse(p.toString().contains(password), "file name " + p);
                if (Files.isRegularFile(p)) {
                    assertFalse(Databases.contains(p, password), "content of " + p);
                }
            }
        }
    }
}
