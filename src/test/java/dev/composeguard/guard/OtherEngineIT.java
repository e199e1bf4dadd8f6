package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.backup.Manifest;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.SecondEngine;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 rows 1-2: compose deletes on the engine that docker's flags, DOCKER_CONTEXT or the current context of
 * {@code $HOME/.docker} name, and the guard must back up on that same engine (or refuse). A second dockerd holds the
 * project's volume with 7 777 bytes of data; the default engine holds an empty decoy volume of the same name. Each
 * call goes through the installed shims (the docker CLI plugin shim, the docker-compose shim) to the real compose.
 */
@Tag("it")
class OtherEngineIT {
    static final String PLUGIN = "/usr/libexec/docker/cli-plugins/docker-compose";
    static final String CONTEXT = "cgit-engine-e2";

    @TempDir
    Path tmp;
    Path dir;
    Path home;
    Path backups;
    Path launcher;
    String name;
    String volume;

    @BeforeAll
    static void engine() {
        assumeTrue(Files.isExecutable(Path.of(PLUGIN)), "no compose plugin at " + PLUGIN);
        assumeTrue(SecondEngine.start(), "a second dockerd cannot run here");
    }

    @AfterAll
    static void stopEngine() {
        SecondEngine.stop();
    }

    @BeforeEach
    void setUp() throws Exception {
        name = "cgit-engine-" + UUID.randomUUID().toString().substring(0, 8);
        volume = name + "_data";
        dir = Files.createDirectories(tmp.resolve("project"));
        home = Files.createDirectories(tmp.resolve("home")); // HOME of the calls: not the passwd home
        backups = tmp.resolve("backups");
        Files.writeString(dir.resolve("docker-compose.yml"), DownVolumesIT.COMPOSE);
        launcher = TestLauncher.install(tmp);
        // The project's volume as compose labels it, without containers (down -v removes it all the same): fewer
        // engine round trips on a loaded machine.
        String[] labels = {"--label", "com.docker.compose.project=" + name, "--label", "com.docker.compose.volume=data"};
        fill(SecondEngine.docker("volume", "create", labels[0], labels[1], labels[2], labels[3], volume));
        fill(SecondEngine.docker("run", "--rm", "--network", "none", "-v", volume + ":/data", Docker.BUSYBOX, "sh", "-c",
                "head -c 7777 /dev/zero > /data/f"));
        fill(Docker.docker("volume", "create", labels[0], labels[1], labels[2], labels[3], volume)); // the decoy: empty
    }

    private static void fill(Cmd.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
    }

    @AfterEach
    void tearDown() {
        SecondEngine.docker("volume", "rm", "-f", volume);
        Docker.docker("volume", "rm", "-f", volume);
    }

    /** The docker CLI plugin shim (as install.sh --alias writes it) in {@code configDir}/cli-plugins. */
    private void pluginShim(Path configDir) {
        Path shim = configDir.resolve("cli-plugins/docker-compose");
        try {
            Files.createDirectories(shim.getParent());
            Files.writeString(shim, "#!/usr/bin/env bash\n# compose-guard-shim\nif [ \"$#\" -eq 1 ] && [ \"$1\" = "
                    + "docker-cli-plugin-metadata ]; then\n  printf '%s\\n' '{\"SchemaVersion\":\"0.1.0\",\"Vendor\":"
                    + "\"compose-guard\",\"ShortDescription\":\"guarded\"}'\n  exit 0\nfi\nexec " + launcher + " \"$@\"\n");
            Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("DOCKER_CONFIG", null);
        env.put("DOCKER_HOST", null);
        env.put("DOCKER_CONTEXT", null);
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_TTY", "/nonexistent-tty");
        env.put("COMPOSE_GUARD_CONFIRM", name);
        env.put("COMPOSE_GUARD_REAL_COMPOSE", null);
        return env;
    }

    private Cmd.Result run(Map<String, String> env, String... argv) {
        return Cmd.run(dir, env, List.of(argv), null, 120);
    }

    /** The call deleted on the second engine, after backing up the second engine's 7 777 bytes; the decoy is intact. */
    private void assertBackedUpWhereDeleted(Cmd.Result r) throws IOException {
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(SecondEngine.docker("volume", "inspect", volume).exitCode() == 0, "compose did not delete: " + r);
        assertTrue(Docker.volumeExists(volume), "the default engine's volume was touched");
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> s = Files.list(backups)) {
            for (Path d : s.toList()) {
                if (Files.exists(d.resolve(Manifest.FILE))) {
                    manifests.add(Manifest.read(d.resolve(Manifest.FILE)));
                }
            }
        }
        assertEquals(1, manifests.size(), r.toString());
        Manifest m = manifests.get(0);
        assertTrue(m.verified);
        assertEquals(1, m.volumes.size());
        assertEquals(volume, m.volumes.get(0).name);
        assertEquals(7777, m.volumes.get(0).contentBytes, "the backup is not of the engine compose deleted on");
    }

    @Test
    void dockerHostFlagInPluginMode() throws IOException {
        Path cfg = tmp.resolve("cfg");
        pluginShim(cfg);
        Map<String, String> env = env();
        env.put("DOCKER_CONFIG", cfg.toString());
        Cmd.Result r = run(env, "docker", "-H", SecondEngine.HOST, "compose", "-p", name, "down", "-v");
        assertTrue(r.stderr().contains("engine: " + SecondEngine.HOST + " (-H)"), r.toString());
        assertBackedUpWhereDeleted(r);
    }

    @Test
    void contextAndConfigFlagsInPluginMode() throws Exception {
        Path cfg = tmp.resolve("cfg");
        pluginShim(cfg);
        SecondEngine.writeContext(cfg, CONTEXT, SecondEngine.HOST);
        Cmd.Result r = run(env(), "docker", "--config", cfg.toString(), "--context", CONTEXT, "compose", "-p", name,
                "down", "-v");
        assertBackedUpWhereDeleted(r);
    }

    @Test
    void dockerContextVariable() throws Exception {
        Path cfg = home.resolve(".docker");
        pluginShim(cfg);
        SecondEngine.writeContext(cfg, CONTEXT, SecondEngine.HOST);
        Map<String, String> env = env();
        env.put("DOCKER_CONTEXT", CONTEXT);
        assertBackedUpWhereDeleted(run(env, "docker", "compose", "-p", name, "down", "-v"));
    }

    @Test
    void currentContextOfHomeThatIsNotThePasswdHome() throws Exception {
        Path cfg = home.resolve(".docker");
        pluginShim(cfg);
        SecondEngine.writeContext(cfg, CONTEXT, SecondEngine.HOST);
        Cmd.Result use = run(env(), "docker", "context", "use", CONTEXT);
        assertEquals(0, use.exitCode(), use.toString());
        assertBackedUpWhereDeleted(run(env(), "docker", "compose", "-p", name, "down", "-v"));
    }

    @Test
    void v1HostFlagThroughTheDockerComposeShim() throws IOException {
        Path v1 = Path.of("/opt/compose-ci/1.29.2/docker-compose");
        assumeTrue(Files.isExecutable(v1), "no docker-compose 1.29.2");
        Path shim = tmp.resolve("bin/docker-compose");
        Files.createDirectories(shim.getParent());
        Files.writeString(shim, "#!/usr/bin/env bash\n# compose-guard-shim\nexec " + launcher + " \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = env();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", v1.toString());
        assertBackedUpWhereDeleted(run(env, shim.toString(), "-H", SecondEngine.HOST, "-p", name, "down", "-v"));
    }

    @Test
    void aContextTheGuardCannotFindIsRefusedAndNothingIsDeleted() {
        Path cfg = tmp.resolve("cfg");
        pluginShim(cfg);
        Map<String, String> env = env();
        env.put("DOCKER_CONFIG", cfg.toString());
        Cmd.Result r = run(env, "docker", "--context", "cgit-engine-nosuch", "compose", "-p", name, "down", "-v");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("cgit-engine-nosuch"), r.toString());
        assertEquals(0, SecondEngine.docker("volume", "inspect", volume).exitCode());
        assertTrue(Docker.volumeExists(volume));
    }
}
