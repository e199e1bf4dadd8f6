package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineUnavailableException;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.invocation.InvocationParser;
import dev.composeguard.testsupport.FakeEngine;
import dev.composeguard.plan.TestProjects;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.Source;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The destructive guard's decisions with a fake engine (no Docker needed). */
class DestructiveGuardTest {
    @TempDir
    Path backups;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    GuardedContext ctx(Project project, Map<String, String> extraEnv, String... argv) {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_TTY", "/nonexistent-tty");
        env.putAll(extraEnv);
        var inv = InvocationParser.parse(List.of(argv), env);
        var cc = new CallContext(inv, env, backups, InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.util.List.of());
        ProjectLoadException error = project == null ? new ProjectLoadException(Source.NONE, "broken file") : null;
        return new GuardedContext(cc, null, project, error);
    }

    static Map<String, String> owned(String p, String key) {
        return Map.of("com.docker.compose.project", p, "com.docker.compose.volume", key);
    }

    @Test
    void notDestructiveCallsPassWithoutTheEngine() {
        var g = new DestructiveGuard(env -> {
            throw new AssertionError("no engine for a harmless call");
        });
        g.before(ctx(null, Map.of(), "down"));
        g.before(ctx(null, Map.of(), "down", "--volumes=false"));
        g.before(ctx(null, Map.of(), "up", "-d"));
        g.before(ctx(null, Map.of(), "rm", "-f"));
    }

    @Test
    void unloadableProjectFailsClosed() {
        var g = new DestructiveGuard(env -> new FakeEngine().asClient());
        GuardException e = assertThrows(GuardException.class, () -> g.before(ctx(null, Map.of(), "down", "-v")));
        assertEquals(ExitCodes.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("broken file") && e.getMessage().contains("fail closed"), e.getMessage());
    }

    @Test
    void unreachableEngineFailsClosed() {
        Project p = TestProjects.project("shop", backups, ComposeFlavor.V2).service("db", "postgres", true, "d:/d")
                .volume("d").build();
        var g = new DestructiveGuard(env -> {
            throw new EngineUnavailableException("Docker Engine not reachable", null);
        });
        GuardException e = assertThrows(GuardException.class, () -> g.before(ctx(p, Map.of(), "down", "-v")));
        assertEquals(ExitCodes.ENGINE_UNAVAILABLE, e.exitCode());
    }

    @Test
    void projectFlagWithoutFilesIsPlannedFromTheEngineEvenWithoutAProject() {
        FakeEngine engine = new FakeEngine().volume("shop_data", owned("shop", "data"), 10)
                .volume("shop_forgotten", owned("shop", "old"), 20);
        var g = new DestructiveGuard(env -> engine.asClient());
        // v2 (no real compose: v2 rules) resolves -p X down -v from the engine: the plan names both volumes
        GuardException e = assertThrows(GuardException.class, () -> g.before(ctx(null, Map.of(), "-p", "SHOP", "down",
                "-v")));
        assertEquals(ExitCodes.REFUSED, e.exitCode());
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("shop_data") && said.contains("shop_forgotten"), said);
        assertTrue(e.getMessage().contains("COMPOSE_GUARD_CONFIRM=shop"), e.getMessage());
    }

    @Test
    void composeOwnYesIsNotConsentAndWrongConsentIsRefusedBeforeAnyBackup() {
        Project p = TestProjects.project("shop", backups, ComposeFlavor.V2).service("db", "postgres", true, "d:/d")
                .volume("d").build();
        FakeEngine engine = new FakeEngine();
        Map<String, String> labels = new HashMap<>(owned("shop", "d"));
        labels.put("com.docker.compose.config-hash", "0".repeat(64)); // made from another configuration
        engine.volume("shop_d", labels, 1);
        var g = new DestructiveGuard(env -> engine.asClient());
        assertEquals(ExitCodes.REFUSED, assertThrows(GuardException.class,
                () -> g.before(ctx(p, Map.of(), "up", "-d", "-y"))).exitCode());
        assertEquals(ExitCodes.REFUSED, assertThrows(GuardException.class,
                () -> g.before(ctx(p, Map.of("COMPOSE_GUARD_CONFIRM", "yes"), "up", "-y"))).exitCode());
        assertTrue(new dev.composeguard.backup.BackupStore(backups).list().isEmpty());
    }

    @Test
    void plainDownOfADatabaseOnNoVolumeIsPlannedOnTheQuickEngine() {
        Project p = TestProjects.project("shop", backups, ComposeFlavor.V2).service("db", "postgres:15", true).build();
        FakeEngine engine = new FakeEngine().container(new dev.composeguard.engine.EngineContainer("id1", "shop-db-1",
                "postgres:15", "sha256:1", "running", Map.of("com.docker.compose.project", "shop",
                        "com.docker.compose.service", "db"), List.of(), List.of()));
        var g = new DestructiveGuard(env -> {
            throw new AssertionError("the full engine is not needed to refuse");
        }, env -> engine);
        for (String[] argv : new String[][] {{"down"}, {"rm", "-sf"}, {"up", "-d"}}) {
            GuardException e = assertThrows(GuardException.class, () -> g.before(ctx(p, Map.of(), argv)));
            assertEquals(ExitCodes.REFUSED, e.exitCode());
        }
        new DestructiveGuard(env -> engine.asClient()).before(ctx(p, Map.of(), "up", "-d", "--no-recreate"));
    }

    @Test
    void composeProjectNameInTheEnvironmentPlansTheLabelledVolumesToo() {
        Project p = TestProjects.project("shop", backups, ComposeFlavor.V2).service("db", "busybox", true, "d:/d")
                .volume("d").build();
        FakeEngine engine = new FakeEngine().volume("shop_d", owned("shop", "d"), 1)
                .volume("shop_notinfile", owned("shop", "x"), 1);
        var g = new DestructiveGuard(env -> engine.asClient());
        assertThrows(GuardException.class, () -> g.before(ctx(p, Map.of("COMPOSE_PROJECT_NAME", "shop"), "down", "-v")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("shop_notinfile"), err.toString());
    }

    @Test
    void anUnloadableProjectWithADotEnvNamingItRefusesEvenPlainDown() throws Exception {
        var g = new DestructiveGuard(env -> new FakeEngine().asClient());
        java.nio.file.Files.writeString(backups.resolve(".env"), "COMPOSE_PROJECT_NAME=shop\n");
        assertEquals(ExitCodes.REFUSED, assertThrows(GuardException.class,
                () -> g.before(ctx(null, Map.of(), "down"))).exitCode());
        g.before(ctx(null, Map.of(), "up", "-d")); // up does not fall back: compose fails to load and does nothing
    }

    @Test
    void aFlagAddedForComposeGoesRightAfterTheSubcommand() {
        GuardedContext c = ctx(null, Map.of("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker"), "--context",
                "default", "compose", "-p", "shop", "up", "-d", "web");
        assertEquals(c.call().invocation(), c.invocationForCompose());
        c.addCommandFlag("-y");
        var inv = c.invocationForCompose();
        assertEquals(List.of("--context", "default", "compose", "-p", "shop", "up", "-y", "-d", "web"), inv.argv());
        assertEquals(List.of("-y", "-d", "web"), inv.commandArgs());
        assertEquals(c.call().invocation().composeStart(), inv.composeStart());
    }

    @Test
    void emptyPlanGoesThrough() {
        Project p = TestProjects.project("shop", backups, ComposeFlavor.V2).service("db", "postgres", true, "d:/d")
                .volume("d").build();
        new DestructiveGuard(env -> new FakeEngine().asClient()).before(ctx(p, Map.of(), "down", "-v"));
    }

    static RealCompose none() {
        return null;
    }
}
