package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Databases;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10.2 / 11 row 10: a writer commits rows into a real PostgreSQL while {@code down -v} runs. The guard dumps,
 * stops the database (compose would anyway), copies the volume while stopped, then compose deletes. After restore and
 * up, every row whose commit the writer saw is there and PostgreSQL starts without manual steps.
 */
@Tag("it")
class DownWhileWritingIT {
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

    Map<String, String> env() {
        return Map.of("COMPOSE_GUARD_BACKUP_DIR", backups.toString(), "COMPOSE_GUARD_REAL_COMPOSE",
                "/usr/bin/docker-compose", "COMPOSE_GUARD_CONFIRM", name, "COMPOSE_GUARD_TTY", "/nonexistent");
    }

    Cmd.Result psql(String container, String sql) {
        return Databases.psql(container, password, sql);
    }

    @Test
    void everyCommittedRowSurvivesDownVolumes() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), Databases.postgresProject(password));
        Cmd.Result up = Cmd.run(dir, Map.of(), List.of("docker-compose", "-p", name, "up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        Databases.fillPostgres(name, password, 100);
        String c = Databases.container(name, "db");
        assertEquals(0, psql(c, "create table w(id serial primary key)").exitCode());

        Set<Integer> committed = new ConcurrentSkipListSet<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                Cmd.Result r = psql(c, "insert into w default values returning id");
                String out = r.stdout().trim();
                if (r.exitCode() == 0 && out.matches("\\d+")) {
                    committed.add(Integer.parseInt(out));
                }
            }
        });
        writer.start();
        for (int i = 0; i < 600 && committed.size() < 5; i++) {
            Thread.sleep(100);
        }
        assertTrue(committed.size() >= 5, "the writer commits");
        GuardRun g = GuardRun.in(dir, env(), "-f", dir.resolve("docker-compose.yml").toString(), "-p", name, "down",
                "-v");
        stop.set(true);
        writer.join();
        assertEquals(0, g.exitCode, g.toString());
        assertFalse(Docker.volumeExists(name + "_pgdata"));
        assertTrue(g.err.contains("copied with the writers stopped"), g.toString());

        var b = new BackupStore(backups).list().get(0);
        Manifest.VolumeArchive a = b.manifest().volumes.get(0);
        assertEquals("stopped", a.consistency);
        assertEquals(1, b.manifest().dumps.size(), "the logical dump is the second copy");

        GuardRun restore = GuardRun.in(dir, env(), "restore", b.id());
        assertEquals(0, restore.exitCode, restore.toString());
        Cmd.Result up2 = Cmd.run(dir, Map.of(), List.of("docker-compose", "-p", name, "up", "-d"));
        assertEquals(0, up2.exitCode(), up2.toString());
        String c2 = Databases.waitForPostgres(name, password);
        Cmd.Result ids = psql(c2, "select id from w order by id");
        assertEquals(0, ids.exitCode(), ids.toString());
        Set<Integer> back = new TreeSet<>();
        ids.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> back.add(Integer.parseInt(l.trim())));
        assertTrue(back.containsAll(committed), "lost: " + new TreeSet<>(committed).descendingSet().stream()
                .filter(x -> !back.contains(x)).toList() + " of " + committed.size());
        assertEquals("100", psql(c2, "select count(*) from precious").stdout().trim());
    }
}
