package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COMPOSE_GUARD_PAUSE_WRITERS=1: the container writing to the volume is paused while it is archived, then resumed. */
@Tag("it")
class PauseWritersIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void down() {
        Docker.removeProject(name);
    }

    @Test
    void writerIsPausedAndResumed() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), """
                version: "3.7"
                services:
                  writer:
                    image: compose-guard-test/busybox:1
                    command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo $$i > /data/counter; sleep 0.05; done"]
                    volumes:
                      - data:/data
                volumes:
                  data: {}
                """);
        assertEquals(0, Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d")).exitCode());
        String id = Docker.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + name).stdout().trim();
        long since = System.currentTimeMillis() / 1000 - 1;
        GuardRun g = GuardRun.in(dir, Map.of("COMPOSE_GUARD_BACKUP_DIR", backups.toString(),
                "COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path(), "COMPOSE_GUARD_PAUSE_WRITERS", "1"),
                "backup", "-p", name);
        assertEquals(0, g.exitCode, g.toString());
        assertTrue(g.err.contains("paused " + name + "-writer-1"), g.toString());
        long until = System.currentTimeMillis() / 1000 + 1;
        Cmd.Result events = Docker.docker("events", "--since", String.valueOf(since), "--until", String.valueOf(until),
                "--filter", "container=" + id, "--format", "{{.Action}}");
        assertTrue(events.stdout().contains("pause") && events.stdout().contains("unpause"), events.toString());
        assertEquals("running", Docker.docker("inspect", "-f", "{{.State.Status}}", id).stdout().trim());
        assertTrue(new BackupStore(backups).list().get(0).manifest().verified);
    }
}
