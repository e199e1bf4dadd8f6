package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.TestProject;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.guard.GuardedContext;
import dev.composeguard.invocation.InvocationParser;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightLintTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private GuardedContext ctx(Project p, Map<String, String> extraEnv, String... argv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("COMPOSE_GUARD_CONFIRM", "not-the-project"); // never reach /dev/tty in tests
        CallContext call = new CallContext(InvocationParser.parse(Arrays.asList(argv), env), env, dir,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.util.List.of());
        return new GuardedContext(call, null, p, null);
    }

    /** The step, then the call's one question (as GuardedCall runs them). */
    private static void run(GuardedContext ctx) {
        new PreflightLint().before(ctx);
        dev.composeguard.guard.GuardedCall.askOnce(ctx);
    }

    private Project secretProject() {
        var t = TestProject.in(dir.resolve("app")).file("compose.yaml", FileRole.DISCOVERED);
        return t.service("db", s -> s.image("postgres").named("pg", "/var/lib/postgresql/data", t.at("compose.yaml", 4))
                .env("POSTGRES_PASSWORD", "hunter2", t.at("compose.yaml", 6)))
                .volume("pg", true, false, t.at("compose.yaml", 9)).build();
    }

    @Test
    void errorsStopUpUnlessConfirmed() {
        var e = assertThrows(GuardException.class, () -> run(ctx(secretProject(), Map.of(), "up", "-d")));
        assertEquals(ExitCodes.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("CG108"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("compose.yaml:6:1: error [CG108]"), said);
        assertFalse(said.contains("hunter2"));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("CG108"), "stdout belongs to compose");
        assertTrue(said.indexOf("lint: 1 error") == said.lastIndexOf("lint: 1 error"), "the summary once: " + said);
        assertFalse(said.contains("details:"), said);
        assertDoesNotThrow(() -> run(ctx(secretProject(), Map.of("COMPOSE_GUARD_CONFIRM", "app"), "up")));
        assertThrows(GuardException.class,
                () -> run(ctx(secretProject(), Map.of("COMPOSE_GUARD_CONFIRM", "other"), "run", "db")));
    }

    /** A broken .compose-guard.yml does not switch lint off (an error would slip through): defaults, said once. */
    @Test
    void brokenConfigurationStillBlocksErrors() throws Exception {
        Project p = secretProject();
        java.nio.file.Files.createDirectories(p.workingDir());
        java.nio.file.Files.writeString(p.workingDir().resolve(".compose-guard.yml"), "rules:\n  CG108: off\n  CG999: off\n");
        GuardedContext ctx = ctx(p, Map.of("COMPOSE_GUARD_LEDGER_DIR", dir.resolve("ledger").toString()), "up", "-d");
        var e = assertThrows(GuardException.class, () -> {
            new PreflightLint().before(ctx);
            new DriftCheck(env -> new dev.composeguard.testsupport.FakeEngine()).before(ctx);
            GuardedCall.askOnce(ctx);
        });
        assertEquals(ExitCodes.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("CG108"), e.getMessage());
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("unknown rule 'CG999'"), said);
        assertEquals(said.indexOf("default settings"), said.lastIndexOf("default settings"), "said once: " + said);
    }

    @Test
    void otherCommandsOnlyPrint() {
        assertDoesNotThrow(() -> new PreflightLint().before(ctx(secretProject(), Map.of(), "build")));
        assertDoesNotThrow(() -> new PreflightLint().before(ctx(secretProject(), Map.of(), "down")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("[CG108]"));
    }

    @Test
    void loadErrorLeavesTheStepSilent() {
        // GuardedCall prints the load error once; the step neither repeats it nor refuses.
        Map<String, String> env = new HashMap<>();
        CallContext call = new CallContext(InvocationParser.parse(java.util.List.of("up"), env), env, dir,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8),
                java.util.List.of());
        var e = new ProjectLoadException(new Source(dir.resolve("compose.yaml"), 3, 1), "broken");
        assertDoesNotThrow(() -> new PreflightLint().before(new GuardedContext(call, null, null, e)));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void safeCommandsAreNotLinted() {
        assertDoesNotThrow(() -> new PreflightLint().before(ctx(secretProject(), Map.of(), "rm")));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
