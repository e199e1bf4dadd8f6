package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --force-recreate} of a real Redis whose /data is on no volume: refused without consent; with consent the
 * container's data directory is archived from the container and a logical dump (SAVE + RDB) taken first.
 */
@Tag("it")
class ForceRecreateIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);

    static final String COMPOSE = """
            version: "3.7"
            services:
              cache:
                image: compose-guard-test/redis:1
                command: ["sh", "-c", "mkdir -p /data && exec redis-server --dir /data"]
            """;

    @AfterEach
    void down() {
        Docker.removeProject(name);
        Docker.docker("volume", "rm", "-f", name + "_restored");
    }

    GuardRun upForceRecreate(String... env) {
        Map<String, String> e = new HashMap<>();
        e.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        e.put("COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path());
        for (int i = 0; i < env.length; i += 2) {
            e.put(env[i], env[i + 1]);
        }
        return GuardRun.in(dir, e, "-f", dir.resolve("docker-compose.yml").toString(), "-p", name, "up", "-d",
                "--force-recreate");
    }

    @Test
    void statefulContainerWithoutVolumeIsBackedUpBeforeItIsRecreated() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE);
        assertEquals(0, Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d")).exitCode());
        String id = Docker.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + name).stdout().trim();
        Cmd.Result set = null;
        for (int i = 0; i < 40; i++) {
            set = Docker.docker("exec", id, "redis-cli", "SET", "order:42", "paid");
            if (set.exitCode() == 0 && set.stdout().contains("OK")) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(set.stdout().contains("OK"), set.toString());
        assertEquals(0, Docker.docker("exec", id, "redis-cli", "SAVE").exitCode());

        GuardRun refused = upForceRecreate();
        assertEquals(ExitCodes.REFUSED, refused.exitCode, refused.toString());
        assertTrue(refused.err.contains("/data") && refused.err.contains("lost when the container is recreated"),
                refused.toString());
        assertEquals(id, Docker.docker("ps", "-q", "--no-trunc", "--filter", "id=" + id).stdout().trim().substring(0,
                id.length()), "the container was not recreated");

        GuardRun ok = upForceRecreate("COMPOSE_GUARD_CONFIRM", name);
        assertEquals(0, ok.exitCode, ok.toString());
        System.out.println(ok.err); // the plan, for docs/BACKUP.md
        var all = new BackupStore(backups).list();
        assertEquals(1, all.size());
        Manifest m = all.get(0).manifest();
        assertEquals(1, m.volumes.size());
        assertEquals("/data", m.volumes.get(0).path);
        assertTrue(m.volumes.get(0).entries >= 1, "dump.rdb is in the container archive");
        assertEquals("redis", m.dumps.get(0).kind);
        String newId = Docker.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + name).stdout().trim();
        assertTrue(!newId.isEmpty() && !newId.equals(id), "compose recreated the container");

        // what the guard archived it can restore (issue 10.7): the container directory, into a new volume
        Map<String, String> env = Map.of("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        String key = m.volumes.get(0).container + ":/data";
        GuardRun restore = GuardRun.in(dir, env, "restore", m.id, "--volume", key, "--to", name + "_restored");
        assertEquals(0, restore.exitCode, restore.toString());
        Cmd.Result ls = Docker.docker("run", "--rm", "-v", name + "_restored:/v:ro", Docker.BUSYBOX, "ls", "/v");
        assertTrue(ls.stdout().contains("dump.rdb"), ls.toString());
        GuardRun noTo = GuardRun.in(dir, env, "restore", m.id, "--volume", key);
        assertEquals(ExitCodes.USAGE, noTo.exitCode, noTo.toString());
    }
}
