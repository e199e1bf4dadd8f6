package dev.composeguard.guard;

import static dev.composeguard.testsupport.Fixtures.vol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.ledger.LedgerStore;
import dev.composeguard.testsupport.Fixtures;
import dev.composeguard.testsupport.FakeEngine;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineUnavailableException;
import dev.composeguard.guard.GuardedContext;
import dev.composeguard.invocation.InvocationParser;
import dev.composeguard.project.NameOrigin;
import dev.composeguard.project.Project;
import dev.composeguard.project.Source;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCheckTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private GuardedContext ctx(Project p, Map<String, String> extraEnv, String... argv) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("COMPOSE_GUARD_LEDGER_DIR", dir.resolve("ledger").toString());
        env.putIfAbsent("COMPOSE_GUARD_TTY", "/nonexistent-tty"); // never reach a developer's terminal
        CallContext call = new CallContext(InvocationParser.parse(List.of(argv), env), env, dir,
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of());
        return new GuardedContext(call, null, p, null);
    }

    /** The step, then the call's one question (as GuardedCall runs them). */
    private static void run(DriftCheck check, GuardedContext ctx) {
        check.before(ctx);
        dev.composeguard.guard.GuardedCall.askOnce(ctx);
    }

    private Project outage() {
        return new Fixtures.P(dir).name("copilotos-prod", NameOrigin.ENV_FILE, new Source(dir.resolve(".env"), 1, 1))
                .volume("mongodb_data").service("mongodb", List.of(vol("mongodb_data", "/data/db")), List.of(), List.of())
                .build();
    }

    private FakeEngine oldData() {
        return new FakeEngine().volume("copilotos_mongodb_data", "copilotos", "mongodb_data", 1000);
    }

    @Test
    void refusesWithoutConsentAndSaysWhy() {
        DriftCheck check = new DriftCheck(env -> oldData());
        GuardException e = assertThrows(GuardException.class, () -> run(check, ctx(outage(), Map.of(), "up", "-d")));
        assertEquals(ExitCodes.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("COMPOSE_GUARD_CONFIRM=copilotos-prod"), e.getMessage());
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("CG201"), said);
        assertTrue(said.contains("fix: keep the old project name: -p copilotos"), said);
    }

    @Test
    void proceedsWithTheProjectNameInComposeGuardConfirm() {
        DriftCheck check = new DriftCheck(env -> oldData());
        run(check, ctx(outage(), Map.of("COMPOSE_GUARD_CONFIRM", "copilotos-prod"), "up", "-d"));
        GuardException wrong = assertThrows(GuardException.class,
                () -> run(check, ctx(outage(), Map.of("COMPOSE_GUARD_CONFIRM", "yes"), "up")));
        assertEquals(ExitCodes.REFUSED, wrong.exitCode());
    }

    @Test
    void engineUnreachableFailsClosedButOtherCommandsDoNotAsk() {
        DriftCheck check = new DriftCheck(env -> {
            throw new EngineUnavailableException("no socket", null);
        });
        GuardException e = assertThrows(GuardException.class, () -> check.before(ctx(outage(), Map.of(), "create")));
        assertEquals(ExitCodes.ENGINE_UNAVAILABLE, e.exitCode());
        check.before(ctx(outage(), Map.of(), "pull"));
        Project noData = new Fixtures.P(dir).service("web", List.of(), List.of(), List.of()).build();
        check.before(ctx(noData, Map.of(), "up"));
    }

    @Test
    void ledgerFindingsArePrintedBeforeTheNextUp() throws Exception {
        Project before = new Fixtures.P(dir).name("copilotos-prod", NameOrigin.DIRECTORY, Source.NONE)
                .override("docker-compose.override.yml").build();
        LedgerStore store = new LedgerStore(dir.resolve("ledger"));
        DriftCheck.record(store, before, "1.29.2", Instant.now());
        new DriftCheck(env -> new FakeEngine()).before(ctx(new Fixtures.P(dir).name("copilotos-prod",
                NameOrigin.DIRECTORY, Source.NONE).build(), Map.of(), "up"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("CG204 warning override-file-gone"), err.toString());
    }

    /** The engine rules read .compose-guard.yml like the file rules: a severity override, or off. */
    @Test
    void configurationLowersOrSwitchesOffAnEngineRule() throws Exception {
        java.nio.file.Files.writeString(dir.resolve(".compose-guard.yml"), "rules:\n  CG201: warning\n");
        DriftCheck check = new DriftCheck(env -> oldData());
        run(check, ctx(outage(), Map.of(), "up", "-d")); // a warning does not ask
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("CG201 warning orphaned-data: up would create volume"), said);
        assertTrue(said.contains("  fix: keep the old project name: -p copilotos"), said);

        err.reset();
        java.nio.file.Files.writeString(dir.resolve(".compose-guard.yml"), "rules:\n  orphaned-data: off\n");
        run(check, ctx(outage(), Map.of(), "up", "-d"));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("CG201"), err.toString());
    }

    /** An inline comment suppresses an engine rule's finding at its line, as it does a file rule's. */
    @Test
    void inlineCommentSuppressesAnEngineFinding() throws Exception {
        java.nio.file.Files.writeString(dir.resolve(".env"),
                "# compose-guard: ignore CG201 the old volume is an archive\nCOMPOSE_PROJECT_NAME=copilotos-prod\n");
        Project p = new Fixtures.P(dir).name("copilotos-prod", NameOrigin.ENV_FILE, new Source(dir.resolve(".env"), 2, 1))
                .volume("mongodb_data").service("mongodb", List.of(vol("mongodb_data", "/data/db")), List.of(), List.of())
                .build();
        run(new DriftCheck(env -> oldData()), ctx(p, Map.of(), "up", "-d"));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("CG201"), err.toString());
    }

    /** A broken .compose-guard.yml does not switch the deploy-time checks off: they run with their defaults. */
    @Test
    void brokenConfigurationKeepsTheDefaults() throws Exception {
        java.nio.file.Files.writeString(dir.resolve(".compose-guard.yml"), "rules:\n  CG999: off\n");
        GuardException e = assertThrows(GuardException.class,
                () -> run(new DriftCheck(env -> oldData()), ctx(outage(), Map.of(), "up", "-d")));
        assertEquals(ExitCodes.REFUSED, e.exitCode());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown rule 'CG999'"), err.toString());
    }

    /** With every rule that needs the engine turned off, nothing asks the engine (nothing there is checked). */
    @Test
    void engineRulesOffMeansNoConnection() throws Exception {
        java.nio.file.Files.writeString(dir.resolve(".compose-guard.yml"),
                "rules:\n  CG201: off\n  CG206: off\n  bind-mount-takeover: off\n");
        new DriftCheck(env -> {
            throw new AssertionError("connected to the engine");
        }).before(ctx(outage(), Map.of(), "up"));
    }
}
