package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.backup.Manifest;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import dev.composeguard.testsupport.TestLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 row 16: a value from .env used in a volume label reaches the engine (compose sets it), but never the
 * manifest, {@code backups list --format json}, or anything the guard prints: the manifest records it as
 * {@code <redacted: from an env file>}, and compose's own labels stay as they are (a restore re-creates a volume
 * compose recognises).
 */
@Tag("it")
class LabelSecretIT {
    static final String SECRET = "lbl-s3cret-5e9a71";

    @TempDir
    Path dir;
    @TempDir
    Path tmp;
    String name = "cgit-engine-lbl-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanup() {
        Docker.removeProject(name);
        Docker.docker("volume", "rm", "-f", name + "_data");
    }

    @Test
    void anEnvFileValueInAVolumeLabelIsRecordedRedacted() throws Exception {
        Files.writeString(dir.resolve(".env"), "COMPOSE_PROJECT_NAME=" + name + "\nVOL_TOKEN=" + SECRET + "\n");
        Files.writeString(dir.resolve("docker-compose.yml"), """
                version: "3.7"
                services:
                  app:
                    image: compose-guard-test/busybox:1
                    command: ["sleep", "3600"]
                    volumes:
                      - data:/data
                volumes:
                  data:
                    labels:
                      owner.token: "t-${VOL_TOKEN}"
                      owner.team: storage
                """);
        Cmd.Result up = Cmd.run(dir, Map.of(), List.of("docker-compose", "up", "--no-start"));
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(Docker.docker("volume", "inspect", name + "_data").stdout().contains(SECRET), "the label is set");
        Docker.docker("run", "--rm", "--network", "none", "-v", name + "_data:/data", Docker.BUSYBOX, "sh", "-c",
                "echo rows > /data/t");

        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/usr/bin/docker-compose");
        env.put("COMPOSE_GUARD_BACKUP_DIR", tmp.resolve("backups").toString());
        env.put("COMPOSE_GUARD_TTY", "/nonexistent-tty");
        StringBuilder produced = new StringBuilder();
        GuardRun backup = GuardRun.in(dir, env, "backup");
        assertEquals(0, backup.exitCode, backup.err);
        GuardRun list = GuardRun.in(dir, env, "backups", "list", "--format", "json");
        assertEquals(0, list.exitCode, list.err);
        produced.append(backup.out).append(backup.err).append(list.out).append(list.err);
        env.put("COMPOSE_GUARD_CONFIRM", name);
        Path launcher = TestLauncher.install(tmp);
        Cmd.Result down = Cmd.run(dir, env, List.of(launcher.toString(), "down", "-v"));
        assertEquals(0, down.exitCode(), down.toString());
        produced.append(down.stdout()).append(down.stderr());

        List<Path> manifests;
        try (Stream<Path> s = Files.walk(tmp.resolve("backups"))) {
            manifests = s.filter(p -> p.getFileName().toString().equals(Manifest.FILE)).toList();
        }
        assertEquals(2, manifests.size(), "backup, then down -v");
        for (Path m : manifests) {
            produced.append(Files.readString(m));
            Manifest.VolumeArchive a = Manifest.read(m).volumes.get(0);
            assertEquals("<redacted: from an env file>", a.labels.get("owner.token"));
            assertEquals("storage", a.labels.get("owner.team"));
            assertEquals(name, a.labels.get("com.docker.compose.project"), "compose's labels are identifiers, kept");
        }
        assertTrue(list.out.contains("<redacted: from an env file>"), list.out);
        assertFalse(produced.toString().contains(SECRET), "the secret appears in what the guard produced");
    }
}
