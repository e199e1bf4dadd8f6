package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.TestLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 row 15: Ctrl-C typed on a real terminal (a pseudo-terminal) while the backup streams stops the work at
 * once: the stream is dropped, the helper container and the partial backup removed, exit 130 through the
 * {@code docker compose} plugin shim, the {@code docker-compose} shim and the launcher itself (bash used to die of
 * the SIGINT, which the docker CLI reports as 255). The time from Ctrl-C to the exit is printed; the bound asserted
 * is loose (a loaded CI machine), the measured value is what docs/SECURITY.md reports.
 */
@Tag("it")
class CtrlCIT {
    static final String PLUGIN = "/usr/libexec/docker/cli-plugins/docker-compose";

    @TempDir
    Path tmp;
    Path dir;
    Path launcher;
    String name;
    String volume;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Cmd.run(null, Map.of(), List.of("python3", "-c", "import pty")).exitCode() == 0, "no python3");
        name = "cgit-engine-cc-" + UUID.randomUUID().toString().substring(0, 8);
        volume = name + "_data";
        dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("docker-compose.yml"), DownVolumesIT.COMPOSE);
        launcher = TestLauncher.install(tmp);
        assertEquals(0, Docker.docker("volume", "create", "--label", "com.docker.compose.project=" + name, "--label",
                "com.docker.compose.volume=data", volume).exitCode());
        // Random bytes (gzip cannot shrink them): the archive streams for several seconds.
        Cmd.Result r = Docker.docker("run", "--rm", "--network", "none", "-v", volume + ":/data", Docker.BUSYBOX, "sh",
                "-c", "head -c 150000000 /dev/urandom > /data/bulk.bin");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @AfterEach
    void tearDown() {
        Docker.docker("volume", "rm", "-f", volume);
    }

    private Path shim(Path file, boolean plugin) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/usr/bin/env bash\n# compose-guard-shim\n" + (plugin ? "if [ \"$#\" -eq 1 ] && [ \"$1\" = "
                + "docker-cli-plugin-metadata ]; then\n  printf '%s\\n' '{\"SchemaVersion\":\"0.1.0\",\"Vendor\":"
                + "\"compose-guard\",\"ShortDescription\":\"guarded\"}'\n  exit 0\nfi\n" : "") + "exec " + launcher
                + " \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private void ctrlCDuringTheBackup(Map<String, String> extraEnv, String... argv) throws Exception {
        Path backups = tmp.resolve("backups");
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_CONFIRM", name);
        // gzip -9 (not the default zstd): slow enough on a quiet machine that a progress line comes first
        env.put("COMPOSE_GUARD_COMPRESSION", "gzip:9");
        List<String> cmd = new ArrayList<>(List.of("python3", Path.of("src/test/resources/pty/ctrl-c.py")
                .toAbsolutePath().toString(), "MiB / ~", "120"));
        cmd.addAll(List.of(argv));
        Cmd.Result r = Cmd.run(dir, env, cmd, null, 180);
        String out = r.stdout();
        String result = out.substring(out.lastIndexOf("RESULT "));
        System.err.println("CtrlCIT " + String.join(" ", argv).replace(launcher.toString(), "compose-guard") + ": "
                + result.trim());
        assertTrue(result.contains("rc=130 signaled=False"), out);
        double after = Double.parseDouble(result.substring(result.indexOf("after=") + 6).trim());
        assertTrue(after >= 0 && after < 5, "took " + after + " s after Ctrl-C\n" + out);
        assertTrue(out.contains("interrupted during the backup") && out.contains("nothing was deleted"), out);
        assertTrue(Docker.volumeExists(volume));
        assertEquals("", Docker.docker("ps", "-aq", "--filter", "label=dev.compose-guard.helper", "--filter",
                "volume=" + volume).stdout().trim(), "the helper container is left");
        if (Files.isDirectory(backups)) {
            try (Stream<Path> s = Files.walk(backups)) {
                assertEquals(List.of(), s.filter(p -> p.toString().contains(".partial-")).toList());
            }
        }
    }

    @Test
    void throughTheDockerComposePluginShim() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PLUGIN)), "no compose plugin");
        Path cfg = tmp.resolve("cfg");
        shim(cfg.resolve("cli-plugins/docker-compose"), true);
        ctrlCDuringTheBackup(Map.of("DOCKER_CONFIG", cfg.toString()), "docker", "compose", "-p", name, "down", "-v");
    }

    @Test
    void throughTheDockerComposeShim() throws Exception {
        Path shim = shim(tmp.resolve("bin/docker-compose"), false);
        ctrlCDuringTheBackup(Map.of("COMPOSE_GUARD_REAL_COMPOSE", "/usr/bin/docker-compose"), shim.toString(), "-p",
                name, "down", "-v");
    }
}
