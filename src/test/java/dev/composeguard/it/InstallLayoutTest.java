package dev.composeguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Cmd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install.sh's file layout without an engine or a real build: a checkout-like directory with a prebuilt (dummy) jar,
 * completions and a man page, installed into a prefix whose path has a space.
 */
class InstallLayoutTest {

    @TempDir
    Path tmp;

    private Path repo;
    private Path prefix;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void checkout() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.copy(Path.of("install.sh"), repo.resolve("install.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(repo.resolve("bin"));
        Files.copy(Path.of("bin/compose-guard"), repo.resolve("bin/compose-guard"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("bin/compose-guard-alias"), repo.resolve("bin/compose-guard-alias"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("pom.xml"), repo.resolve("pom.xml"));
        Files.createDirectories(repo.resolve("target/lib"));
        Files.writeString(repo.resolve("target/compose-guard.jar"), "not a real jar");
        Files.writeString(repo.resolve("target/lib/dep-1.0.jar"), "dep");
        Path completions = Files.createDirectories(repo.resolve("completions"));
        for (String name : List.of("compose-guard.bash", "_compose-guard", "compose-guard.fish", "README")) {
            Files.writeString(completions.resolve(name), name);
        }
        Files.createDirectories(repo.resolve("man"));
        Files.writeString(repo.resolve("man/compose-guard.1"), ".TH COMPOSE-GUARD 1");
        prefix = tmp.resolve("my prefix");
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("DOCKER_CONFIG", tmp.resolve("docker config").toString());
        env.put("PATH", prefix.resolve("bin") + ":" + System.getenv("PATH"));
    }

    private Cmd.Result installSh(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", repo.resolve("install.sh").toString(), "--prefix",
                prefix.toString()));
        cmd.addAll(List.of(args));
        return Cmd.run(tmp, env, cmd, null, 120);
    }

    private List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void installsLaunchJarsCompletionsAndManPageAndRemovesThemAgain() throws IOException {
        Cmd.Result r = installSh("--alias");
        assertEquals(0, r.exitCode(), r.toString());
        List<Path> installed = files(prefix);
        for (String expected : List.of("bin/compose-guard", "bin/docker-compose", "lib/compose-guard/compose-guard.jar",
                "lib/compose-guard/lib/dep-1.0.jar", "lib/compose-guard/installed-files", "lib/compose-guard/compose-guard-alias",
                "share/bash-completion/completions/compose-guard", "share/zsh/site-functions/_compose-guard",
                "share/fish/vendor_completions.d/compose-guard.fish", "share/compose-guard/completions/README",
                "share/man/man1/compose-guard.1")) {
            assertTrue(installed.contains(Path.of(expected)), expected + " in " + installed);
        }
        // The shims find the launcher through a path with a space.
        Path shim = tmp.resolve("docker config/cli-plugins/docker-compose");
        Cmd.Result handshake = Cmd.run(tmp, env, List.of(shim.toString(), "docker-cli-plugin-metadata"), null, 10);
        assertTrue(handshake.stdout().startsWith("{\"SchemaVersion\":\"0.1.0\",\"Vendor\":\"compose-guard\",\"Version\":\""),
                handshake.toString());
        Files.writeString(prefix.resolve("lib/compose-guard/compose-guard.jar"), "x");
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("bash", "readlink")) {
            Files.createSymbolicLink(tools.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Cmd.Result viaShim = Cmd.run(tmp, Map.of("JAVA_HOME", tmp.resolve("no-jdk").toString(), "PATH", tools.toString()),
                List.of("/bin/bash", prefix.resolve("bin/docker-compose").toString(), "ps"), null, 10);
        assertEquals(70, viaShim.exitCode(), "reached the launcher, which found no java: " + viaShim);

        Cmd.Result u = installSh("--uninstall");
        assertEquals(0, u.exitCode(), u.toString());
        assertEquals(List.of(), files(prefix));
        assertFalse(Files.exists(prefix), "every directory it created is gone");
        assertFalse(Files.exists(tmp.resolve("docker config")));
    }

    @Test
    void aMissingOrStaleJarIsBuiltFirst() throws IOException {
        // A source newer than the jar means a build; with no Maven on PATH that is a clear error before installing.
        Files.createDirectories(repo.resolve("src/main/java"));
        Files.writeString(repo.resolve("src/main/java/Newer.java"), "class Newer {}");
        Files.setLastModifiedTime(repo.resolve("target/compose-guard.jar"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path bin = Files.createDirectories(tmp.resolve("nomvn"));
        for (String tool : List.of("bash", "env", "find", "dirname", "id", "awk", "sed", "head", "grep")) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.exists(real)) {
                real = Path.of("/bin", tool);
            }
            Files.createSymbolicLink(bin.resolve(tool), real.toRealPath());
        }
        env.put("PATH", bin.toString());
        Cmd.Result r = Cmd.run(tmp, env, List.of("/bin/bash", repo.resolve("install.sh").toString(), "--prefix",
                prefix.toString()), null, 60);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("Maven (mvn)") && r.stderr().contains("Nothing was installed"), r.stderr());
        assertFalse(Files.exists(prefix), "nothing installed");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cmd.Result r = installSh("--frobnicate");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("unknown option: --frobnicate"), r.stderr());
    }
}
