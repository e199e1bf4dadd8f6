package dev.composeguard.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.Main;
import dev.composeguard.testsupport.Cmd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JLine is loaded only when a question is asked: a guarded {@code up} that needs no consent and a refused call
 * without a terminal (the plan printed, nobody asked) load no {@code org.jline} class. The safe path is covered by
 * SafePathClassLoadingTest.
 */
class JLineOnlyForAQuestionTest {
    @TempDir
    Path tmp;

    List<String> loaded(String... args) throws Exception {
        Files.writeString(tmp.resolve("compose.yaml"), "services:\n  web:\n    image: nginx\n"
                + "    environment:\n      API_TOKEN: tok-literal-1\n");
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/bin/true");
        env.put("COMPOSE_GUARD_VERDICT_FD", "1");
        env.put("COMPOSE_GUARD_TTY", "/nonexistent-tty");
        env.put("COMPOSE_GUARD_CONFIRM", null);
        env.put("HOME", tmp.toString());
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        env.put("COMPOSE_GUARD_LEDGER_DIR", tmp.resolve("ledger").toString());
        Path log = tmp.resolve("classes.log");
        String cp = System.getProperty("surefire.test.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", cp != null && !cp.isEmpty() ? cp
                        : System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Cmd.Result r = Cmd.run(tmp, env, cmd, null, 120);
        List<String> jline = new ArrayList<>();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.stream().filter(l -> l.contains(" org.jline.")).forEach(jline::add);
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.composeguard.guard.GuardedCall ")), r.toString());
        return jline;
    }

    @Test
    void aRefusedCallWithoutATerminalLoadsNoJLine() throws Exception {
        // the literal API_TOKEN is a lint error: up needs consent, nobody can give it, the plan is printed
        assertEquals(List.of(), loaded("up", "-d"));
    }

    @Test
    void aCallThatNeedsNoConsentLoadsNoJLine() throws Exception {
        assertEquals(List.of(), loaded("pull"));
    }
}
