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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compose-guard backup} takes logical dumps of running databases: a real MariaDB (mariadb-dump) and a real
 * Redis (SAVE, then the RDB file), and MongoDB through a stand-in (MongoDB is not in Debian: a fake {@code mongodump}
 * in a busybox image checks it got its password through a config file, never its command line, and writes an
 * archive header).
 */
@Tag("it")
class DatabaseDumpsIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "Pw" + UUID.randomUUID().toString().replace("-", "");

    static final String MONGO_STANDIN = "compose-guard-test/mongo:standin";

    static final String FAKE_MONGODUMP = """
            #!/bin/sh
            # A stand-in for mongodump: needs --archive --gzip, a username and a config file holding the password.
            cfg=; user=; archive=; gz=
            while [ $# -gt 0 ]; do
              case "$1" in
                --config) cfg=$2; shift ;;
                --username) user=$2; shift ;;
                --archive) archive=1 ;;
                --gzip) gz=1 ;;
                --password*) echo "password on the command line" >&2; exit 9 ;;
              esac
              shift
            done
            [ -n "$archive" ] && [ -n "$gz" ] || { echo "needs --archive --gzip" >&2; exit 2; }
            [ "$user" = "$MONGO_INITDB_ROOT_USERNAME" ] || { echo "wrong user" >&2; exit 3; }
            grep -q "password: \\"$MONGO_INITDB_ROOT_PASSWORD\\"" "$cfg" || { echo "no password in config" >&2; exit 4; }
            printf '\\155\\342\\231\\201'
            echo "standin archive for $user"
            """;

    @AfterEach
    void down() {
        Databases.remove(name);
    }

    static void buildMongoStandin(Path dir) throws Exception {
        if (Docker.docker("image", "inspect", MONGO_STANDIN).exitCode() == 0) {
            return;
        }
        Path ctx = Files.createDirectories(dir.resolve("mongo-standin"));
        Files.writeString(ctx.resolve("mongodump"), FAKE_MONGODUMP);
        Files.writeString(ctx.resolve("Dockerfile"), "FROM " + Docker.BUSYBOX + "\nCOPY mongodump /bin/mongodump\n"
                + "RUN chmod 755 /bin/mongodump\n");
        Cmd.Result r = Cmd.run(ctx, Map.of(), List.of("docker", "build", "-q", "-t", MONGO_STANDIN, "."));
        assertEquals(0, r.exitCode(), r.toString());
    }

    String compose() {
        return "version: \"3.7\"\nservices:\n" + Databases.mariadbAndRedisServices(password) + """
                  docs:
                    image: compose-guard-test/mongo:standin
                    environment:
                      MONGO_INITDB_ROOT_USERNAME: admin
                      MONGO_INITDB_ROOT_PASSWORD: "%1$s"
                    command: ["sleep", "3600"]
                volumes:
                  mariadata: {}
                  redisdata: {}
                """.formatted(password);
    }

    Cmd.Result exec(String service, Map<String, String> env, String... cmd) {
        return Databases.execIn(name, service, env, cmd);
    }

    @Test
    void mariadbRedisAndMongoStandinDumps() throws Exception {
        buildMongoStandin(dir);
        Files.writeString(dir.resolve("docker-compose.yml"), compose());
        Cmd.Result up = Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        Databases.until(() -> exec("maria", Map.of(), "mariadb", "-uroot", "-e",
                "create database if not exists shop; create table if not exists shop.orders(id int primary key);"
                        + " replace into shop.orders values (1),(2),(42);"));
        Cmd.Result set = exec("cache", Map.of("REDISCLI_AUTH", password), "redis-cli", "SET", "greeting", "hello-rdb");
        assertEquals(0, set.exitCode(), set.toString());

        GuardRun g = GuardRun.in(dir, Map.of("COMPOSE_GUARD_BACKUP_DIR", backups.toString(),
                "COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path()),
                "backup", "-f", dir.resolve("docker-compose.yml").toString(), "-p", name);
        assertEquals(0, g.exitCode, g.toString());
        var b = new BackupStore(backups).list().get(0);
        Map<String, Manifest.Dump> dumps = new java.util.TreeMap<>();
        b.manifest().dumps.forEach(d -> dumps.put(d.kind, d));
        assertEquals(List.of("mongo", "mysql", "redis"), List.copyOf(dumps.keySet()), g.toString());

        String sql;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(b.dir().resolve(dumps.get("mysql").file)))) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(sql.contains("CREATE TABLE `orders`") && sql.contains("(42)") && sql.contains("-- Dump completed"));
        byte[] rdb = Files.readAllBytes(b.dir().resolve(dumps.get("redis").file));
        assertTrue(new String(rdb, StandardCharsets.ISO_8859_1).startsWith("REDIS"));
        assertTrue(new String(rdb, StandardCharsets.ISO_8859_1).contains("hello-rdb"));
        String mongo = new String(Files.readAllBytes(b.dir().resolve(dumps.get("mongo").file)), StandardCharsets.ISO_8859_1);
        assertTrue(mongo.contains("standin archive for admin"), mongo);

        assertFalse(g.out.contains(password) || g.err.contains(password));
        try (var files = Files.walk(backups)) {
            for (Path p : files.toList()) {
                assertFalse(p.toString().contains(password), p.toString());
                if (Files.isRegularFile(p)) {
                    assertFalse(Databases.contains(p, password), "content of " + p);
                }
            }
        }
        // and a dump that fails stops the backup: nothing is kept
        exec("docs", Map.of(), "sh", "-c", "rm /bin/mongodump");
        GuardRun fail = GuardRun.in(dir, Map.of("COMPOSE_GUARD_BACKUP_DIR", backups.toString(),
                "COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path()),
                "backup", "-f", dir.resolve("docker-compose.yml").toString(), "-p", name);
        assertEquals(dev.composeguard.core.ExitCodes.BACKUP_FAILED, fail.exitCode, fail.toString());
        assertTrue(fail.err.contains("mongodump"), fail.toString());
        assertFalse(fail.err.contains(password));
        assertEquals(1, new BackupStore(backups).list().size());
        try (var files = Files.list(backups)) {
            assertEquals(1, files.filter(f -> !f.getFileName().toString().equals("locks")).count(),
                    "no partial directory is left");
        }
    }
}
