package dev.composeguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.Main;
import dev.composeguard.testsupport.GuardRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lint and explain start loading the project while picocli parses their options (exec.Projects.prepare). What they
 * report must never depend on that: a load made ahead is used only by the same call, for exactly its request, and
 * never reads standard input.
 */
class LoadAheadTest {
    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return Map.of("COMPOSE_GUARD_REAL_COMPOSE", tmp.resolve("no-such-compose").toString(),
                "XDG_CACHE_HOME", tmp.resolve("cache").toString());
    }

    private Path project(String service) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("p"));
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  " + service + ":\n    image: busybox:1\n");
        return dir;
    }

    @Test
    void aLoadStartedByAnEarlierCallIsNeverUsed() throws Exception {
        Path dir = project("first");
        GuardRun help = GuardRun.in(dir, env(), "explain", "--help"); // starts a load that no one takes
        assertEquals(0, help.exitCode, help.toString());
        project("second");
        GuardRun r = GuardRun.in(dir, env(), "explain");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("second") && !r.out.contains("first"), r.toString());
    }

    @Test
    void composeFlagsAfterTheCommandAreHonoured() throws Exception {
        Path dir = project("base");
        Files.writeString(dir.resolve("other.yml"), "services:\n  other:\n    image: busybox:1\n");
        for (String[] args : List.of(new String[] {"explain", "-f", "other.yml"}, new String[] {"explain", "-fother.yml"},
                new String[] {"explain", "--file=other.yml"})) {
            GuardRun r = GuardRun.in(dir, env(), args);
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.out.contains("other") && !r.out.contains("base"), String.join(" ", args) + ": " + r);
        }
        GuardRun before = GuardRun.in(dir, env(), "-f", "other.yml", "explain");
        assertTrue(before.out.contains("other") && !before.out.contains("base"), before.toString());
    }

    @Test
    void standardInputIsReadOnlyByTheCommandItself() throws Exception {
        Path dir = project("ondisk");
        byte[] stdin = "services:\n  fromstdin:\n    image: busybox:1\n".getBytes(StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(env());
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of("-f", "-", "explain"), env, dir, List.of(), new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err);
        assertTrue(text.contains("fromstdin"), text);
        assertFalse(text.contains("ondisk"), text);
    }

    @Test
    void composeFlagsAreRecognisedInEverySpelling() {
        for (String a : List.of("-f", "-fx.yml", "--file", "--file=x.yml", "-p", "-pname", "--project-name=x",
                "--project-directory", "--env-file=.env.prod", "--profile")) {
            assertTrue(ComposeOptions.givenIn(List.of("--format", "json", a)), a);
        }
        for (String a : List.of("--format", "--fail-on", "--ansi", "-h", "--files-only")) {
            assertFalse(ComposeOptions.givenIn(List.of(a)), a);
        }
        assertFalse(ComposeOptions.givenIn(List.of("--", "-f")), "after --, nothing is a flag");
    }
}
