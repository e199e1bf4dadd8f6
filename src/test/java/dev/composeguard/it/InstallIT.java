package dev.composeguard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Docker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install.sh into a temporary prefix, with and without {@code --alias}: the installed launcher works, both
 * {@code docker-compose} and {@code docker compose} go through the guard and can never loop back into it, upgrades
 * replace in place, and {@code --uninstall} removes exactly what was installed.
 */
@Tag("it")
class InstallIT {

    @TempDir
    Path tmp;

    private Path prefix;
    private Path dockerConfig;
    private Path project;
    private String projectName;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        prefix = tmp.resolve("prefix");
        dockerConfig = tmp.resolve("docker-config");
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("DOCKER_CONFIG", dockerConfig.toString());
        env.put("PATH", prefix.resolve("bin") + ":" + System.getenv("PATH"));
        for (String k : List.of("COMPOSE_GUARD_REAL_COMPOSE", "COMPOSE_GUARD_HANDOFF", "COMPOSE_FILE",
                "COMPOSE_PROJECT_NAME", "DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "COMPOSE_GUARD_JAVA_OPTS", "DOCKER_HOST",
                "DOCKER_CONTEXT")) {
            env.put(k, null);
        }
        project = Files.createDirectories(tmp.resolve("project"));
        projectName = "cgit-pkg-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(project.resolve("docker-compose.yml"), """
                services:
                  a:
                    image: %s
                    command: sleep 3600
                """.formatted(Docker.BUSYBOX));
        Files.writeString(project.resolve(".env"), "COMPOSE_PROJECT_NAME=" + projectName + "\n");
    }

    /** Runs {@code cmd} looked up on the test's PATH (ProcessBuilder alone would search the JVM's own PATH). */
    private Cmd.Result in(Path dir, String... cmd) {
        return Cmd.run(dir, env, viaEnv(cmd), null, 60);
    }

    private static List<String> viaEnv(String... cmd) {
        List<String> all = new ArrayList<>();
        all.add("/usr/bin/env");
        all.addAll(List.of(cmd));
        return all;
    }

    private Cmd.Result install(String... args) {
        return GuardInstall.installSh(prefix, env, args);
    }

    private List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !Files.isDirectory(p)).toList();
        }
    }

    @Test
    void installedLauncherRunsPsLikeCompose() throws IOException {
        Cmd.Result r = install();
        assertEquals(0, r.exitCode(), r.toString());
        Path launcher = prefix.resolve("bin/compose-guard");
        assertTrue(Files.isExecutable(launcher));
        assertTrue(Files.isRegularFile(prefix.resolve("lib/compose-guard/compose-guard.jar")));
        // the libraries beside it (picocli is compiled into the guard's own jar)
        assertTrue(filesUnder(prefix.resolve("lib/compose-guard/lib")).stream()
                .anyMatch(p -> p.getFileName().toString().startsWith("snakeyaml-engine-")));
        Cmd.Result direct = in(project, Composes.machine().toString(), "ps");
        Cmd.Result guarded = in(project, launcher.toString(), "ps");
        assertEquals(direct.exitCode(), guarded.exitCode(), guarded.toString());
        assertArrayEquals(direct.stdoutBytes(), guarded.stdoutBytes(), guarded.toString());
        Cmd.Result version = in(tmp, launcher.toString(), "--guard-version");
        assertEquals("compose-guard it-build\n", version.stdout(), version.toString());
        // Every installed file is in the manifest, and the manifest names nothing outside the prefix.
        List<String> manifest = Files.readAllLines(prefix.resolve("lib/compose-guard/installed-files"));
        for (Path f : filesUnder(prefix)) {
            if (!f.getFileName().toString().equals("installed-files")) {
                assertTrue(manifest.contains("f " + f), "not in the manifest: " + f);
            }
        }
        assertTrue(manifest.stream().allMatch(l -> l.substring(2).startsWith(prefix.toString())), manifest.toString());
        assertFalse(Files.exists(dockerConfig), "no alias without --alias");
    }

    @Test
    void aliasesGoThroughTheGuardAndNeverRecurse() throws IOException {
        Cmd.Result r = install("--alias");
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(r.stderr().contains("does not go through the guard"), "PATH starts with DIR/bin: " + r.stderr());
        Path pluginShim = dockerConfig.resolve("cli-plugins/docker-compose");
        assertTrue(Files.isExecutable(pluginShim));

        // Both spellings reach the guard: only the guard knows --guard-version.
        for (String[] cmd : List.of(new String[] {"docker-compose", "--guard-version"},
                new String[] {"docker", "compose", "--guard-version"})) {
            Cmd.Result v = in(project, cmd);
            assertEquals(0, v.exitCode(), String.join(" ", cmd) + "\n" + v);
            assertEquals("compose-guard it-build\n", v.stdout(), String.join(" ", cmd));
        }
        // The docker CLI accepts the shim's handshake and lists it as the compose plugin.
        Cmd.Result info = in(project, "docker", "info", "--format", "{{json .ClientInfo.Plugins}}");
        assertTrue(info.stdout().contains("\"Vendor\":\"compose-guard\"") && info.stdout().contains(pluginShim.toString()),
                info.toString());
        assertFalse(info.stdout().contains("\"Err\""), info.toString());

        // Both spellings print exactly what the compose found here prints: the system v2 plugin (behind the shim
        // that shadows it), else the standalone docker-compose `docker compose` falls back to.
        Cmd.Result directVersion = in(project, Composes.machine().toString(), "version");
        Cmd.Result pluginVersion = in(project, "docker", "compose", "version");
        assertEquals(0, pluginVersion.exitCode(), pluginVersion.toString());
        assertArrayEquals(directVersion.stdoutBytes(), pluginVersion.stdoutBytes(), pluginVersion.toString());
        Cmd.Result directPs = in(project, Composes.machine().toString(), "ps");
        for (String[] cmd : List.of(new String[] {"docker-compose", "ps"}, new String[] {"docker", "compose", "ps"})) {
            Cmd.Result ps = in(project, cmd);
            assertEquals(directPs.exitCode(), ps.exitCode(), ps.toString());
            assertArrayEquals(directPs.stdoutBytes(), ps.stdoutBytes(), String.join(" ", cmd) + "\n" + ps);
        }

        // The system plugin is always found: the no-compose and loop cases need a machine without it.
        if (!Composes.machineHasPlugin()) {
            // Without the real docker-compose on PATH, only the guard's own shims are left: a clear error, exit 6, no loop.
            Path tools = Files.createDirectories(tmp.resolve("tools"));
            for (String tool : List.of("bash", "env", "readlink", "docker", "head")) {
                Files.createSymbolicLink(tools.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
            }
            env.put("PATH", prefix.resolve("bin") + ":" + tools);
            env.put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
            for (String[] cmd : List.of(new String[] {"docker-compose", "ps"}, new String[] {"docker", "compose", "ps"},
                    new String[] {"compose-guard", "ps"})) {
                Cmd.Result none = Cmd.run(project, env, viaEnv(cmd), null, 30);
                assertEquals(6, none.exitCode(), String.join(" ", cmd) + "\n" + none);
                assertTrue(none.stderr().contains("no real docker compose found"), none.stderr());
                assertTrue(none.stderr().contains(pluginShim.toString()), "names the skipped shim: " + none.stderr());
                assertEquals(1, none.stderr().lines().count(), none.stderr());
            }
            // A wrapper the guard cannot recognise (no marker) is stopped by the launcher's backstop.
            Path sneaky = GuardInstall.executable(tmp.resolve("sneaky/docker-compose"),
                    "#!/usr/bin/env bash\nexec " + prefix.resolve("bin/compose-guard") + " \"$@\"\n");
            env.put("PATH", prefix.resolve("bin") + ":" + sneaky.getParent() + ":" + tools);
            for (String[] cmd : List.of(new String[] {"docker-compose", "ps"}, new String[] {"docker", "compose", "ps"})) {
                Cmd.Result loop = Cmd.run(project, env, viaEnv(cmd), null, 30);
                assertEquals(6, loop.exitCode(), String.join(" ", cmd) + "\n" + loop);
                assertTrue(loop.stderr().contains("recursion detected"), loop.stderr());
            }
        }

        // --uninstall removes everything it installed, and nothing else.
        env.put("PATH", prefix.resolve("bin") + ":" + System.getenv("PATH"));
        Path mine = GuardInstall.executable(prefix.resolve("bin/my-own-tool"), "#!/bin/sh\n");
        Cmd.Result u = install("--uninstall");
        assertEquals(0, u.exitCode(), u.toString());
        assertEquals(List.of(mine), filesUnder(prefix));
        assertEquals(List.of(), filesUnder(dockerConfig));
        assertFalse(Files.exists(dockerConfig.resolve("cli-plugins")), "the plugin dir it created is gone");
        assertFalse(Files.exists(prefix.resolve("lib")), "the lib dir it created is gone");
    }

    @Test
    void reinstallUpgradesInPlaceAndKeepsAliases() throws IOException {
        assertEquals(0, install("--alias").exitCode());
        // Pretend an older release installed a jar this one no longer ships.
        Path stale = prefix.resolve("lib/compose-guard/lib/old-dependency-0.9.jar");
        Files.writeString(stale, "old");
        Path manifest = prefix.resolve("lib/compose-guard/installed-files");
        Files.writeString(manifest, "f " + stale + "\n" + Files.readString(manifest));
        List<String> before = new ArrayList<>(Files.readAllLines(manifest));

        Cmd.Result r = install();
        assertEquals(0, r.exitCode(), r.toString());
        assertFalse(Files.exists(stale), "stale jar removed");
        assertTrue(Files.isExecutable(dockerConfig.resolve("cli-plugins/docker-compose")), "aliases kept");
        assertTrue(Files.isExecutable(prefix.resolve("bin/docker-compose")), "aliases kept");
        before.remove("f " + stale);
        assertEquals(before.stream().sorted().toList(), Files.readAllLines(manifest).stream().sorted().toList());
        assertEquals(0, install().exitCode(), "idempotent");
        assertEquals(before.stream().sorted().toList(), Files.readAllLines(manifest).stream().sorted().toList());
    }

    @Test
    void neverOverwritesARealComposeWhereAShimWouldGo() throws IOException {
        Path real = GuardInstall.executable(dockerConfig.resolve("cli-plugins/docker-compose"),
                "#!/bin/sh\necho I am the real compose plugin\n");
        Cmd.Result r = install("--alias");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("will not be overwritten"), r.stderr());
        assertEquals("#!/bin/sh\necho I am the real compose plugin\n", Files.readString(real));
        assertFalse(Files.exists(prefix.resolve("bin/compose-guard")), "nothing installed");
    }

    @Test
    void uninstallWithoutAnInstallIsANoOp() {
        Cmd.Result r = install("--uninstall");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("nothing to uninstall"), r.stderr());
    }

    /**
     * Ctrl-C (SIGINT to the foreground process group) on {@code docker compose logs -f} through the plugin shim:
     * the docker CLI and compose both end, with the exit code compose has without the guard.
     */
    @Test
    void ctrlCOnDockerComposeLogsFollowEndsBothProcessesWithComposesCode() throws Exception {
        assertEquals(0, install("--alias").exitCode());
        Files.writeString(project.resolve("docker-compose.yml"), """
                services:
                  a:
                    image: %s
                    command: sh -c 'echo started; exec sleep 3600'
                    init: true
                """.formatted(Docker.BUSYBOX));
        try {
            assertEquals(0, in(project, Composes.machine().toString(), "up", "-d").exitCode());
            int direct = ctrlC(Composes.machine().toString(), "logs", "-f", "--no-color");
            int guarded = ctrlC("docker", "compose", "logs", "-f", "--no-color");
            assertEquals(direct, guarded);
        } finally {
            in(project, Composes.machine().toString(), "down", "-v", "-t", "0");
            Docker.removeProject(projectName);
        }
    }

    private int ctrlC(String... cmd) throws Exception {
        List<String> all = new ArrayList<>(List.of("env", "--default-signal=INT", "setsid", "--fork", "--wait",
                "/usr/bin/env"));
        all.addAll(List.of(cmd));
        ProcessBuilder pb = new ProcessBuilder(all).directory(project.toFile()).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        p.getOutputStream().close();
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        java.io.InputStream out = p.getInputStream();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!seen.toString(java.nio.charset.StandardCharsets.UTF_8).contains("started") && System.nanoTime() < deadline) {
            int b = out.read();
            if (b < 0) {
                break;
            }
            seen.write(b);
        }
        assertTrue(seen.toString(java.nio.charset.StandardCharsets.UTF_8).contains("started"), seen.toString());
        ProcessHandle leader = p.children().findFirst().orElseThrow();
        List<ProcessHandle> group = new ArrayList<>(leader.descendants().toList());
        group.add(leader);
        if (cmd[0].equals("docker")) {
            assertTrue(group.stream().anyMatch(h -> h.info().command().orElse("").endsWith("docker-compose")
                    || h.info().arguments().map(a -> String.join(" ", a)).orElse("").contains("docker-compose")),
                    "compose runs under the docker CLI");
            assertTrue(group.stream().noneMatch(h -> h.info().command().orElse("").contains("java")), "no JVM in between");
        }
        Cmd.run(null, Map.of(), List.of("kill", "-INT", "--", "-" + leader.pid()), null, 10);
        out.transferTo(seen);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "did not end on Ctrl-C: " + seen);
        for (ProcessHandle h : group) {
            h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(h.isAlive(), "left behind: " + h.info());
        }
        return p.exitValue();
    }
}
