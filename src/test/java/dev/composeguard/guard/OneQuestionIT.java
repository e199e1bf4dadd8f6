package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.Main;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.Pty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One guarded call that needs consent three times over (a lint error, orphaned data under a new project name, a
 * stateful container that --force-recreate would wipe) asks ONE question on a real pseudo-terminal, after a backup
 * whose progress is shown on the terminal; the project name typed ahead during that backup does not answer it.
 * With stderr not a terminal, the same backup prints no control characters.
 */
@Tag("it")
class OneQuestionIT {
    static final String COMPOSE = """
            services:
              db:
                image: compose-guard-test/busybox:1
                command: ["sh", "-c", "sleep 3600"]
                stop_signal: SIGKILL
                volumes:
                  - db_data:/data
              cache:
                image: compose-guard-test/redis:1
                command: ["sh", "-c", "mkdir -p /data && exec redis-server --dir /data"]
                environment:
                  API_TOKEN: tok-literal-7f3a
            volumes:
              db_data:
            """;
    static final String V2 = "/opt/compose-ci/2.40.3/docker-compose";

    @TempDir
    Path dir;
    @TempDir
    Path backups;
    final String old = "cgit-prompt-" + UUID.randomUUID().toString().substring(0, 8);
    final String prod = old + "-prod";

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(V2)) && Pty.available(), "compose 2.40.3 and a pty");
        Files.writeString(dir.resolve("docker-compose.yml"), COMPOSE);
        // The data lives in the old project's volume; the new name would start on an empty one (CG201).
        assertEquals(0, compose(old, "up", "-d", "db").exitCode());
        assertEquals(0, Docker.docker("exec", old + "-db-1", "sh", "-c",
                "head -c 200000 /dev/urandom > /data/collection-0.wt").exitCode());
        // The new project's cache keeps its data in the container (no volume): --force-recreate would wipe it.
        // 40 MB of random bytes make the backup slow enough to show progress and to be typed ahead through.
        assertEquals(0, compose(prod, "up", "-d", "cache").exitCode());
        assertEquals(0, Docker.docker("exec", prod + "-cache-1", "sh", "-c",
                "head -c 40000000 /dev/urandom > /data/blob").exitCode());
        // Stopped: --force-recreate still wipes its data, but it is no running writer, so the backup comes before
        // the question (a running one would be asked about first and copied stopped: StopFirst, DownWhileWritingIT).
        assertEquals(0, Docker.docker("stop", "-t", "0", prod + "-cache-1").exitCode());
    }

    @AfterEach
    void tearDown() {
        for (String p : List.of(old, prod)) {
            Cmd.run(dir, Map.of(), List.of(V2, "-p", p, "down", "-v", "-t", "0"));
            Docker.removeProject(p);
        }
    }

    Cmd.Result compose(String project, String... args) {
        List<String> cmd = new ArrayList<>(List.of(V2, "-p", project));
        cmd.addAll(List.of(args));
        return Cmd.run(dir, Map.of(), cmd);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", V2);
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_LEDGER_DIR", dir.resolve("ledger").toString());
        env.put("COMPOSE_GUARD_CONFIRM", null);
        env.put("COMPOSE_GUARD_TTY", null);
        env.put("TERM", "xterm");
        // gzip -9 of random bytes: the backup lasts seconds even on a quiet machine (zstd, the default, may finish
        // before the typed-ahead name arrives)
        env.put("COMPOSE_GUARD_COMPRESSION", "gzip:9");
        return env;
    }

    List<String> guard() {
        return Pty.java(Main.class.getName(), "-f", dir.resolve("docker-compose.yml").toString(), "-p", prod, "up",
                "-d", "--force-recreate");
    }

    @Test
    void lintDriftAndDestroyAreOnePlanAndOneQuestionThatTypeAheadCannotAnswer() throws Exception {
        String cache = Docker.docker("ps", "-aq", "--filter", "name=" + prod + "-cache-1").stdout().trim();
        Cmd.Result r = Pty.run(dir, env(), List.of("wait:backing up", "send:" + prod + "\\n", "wait:to proceed",
                "sleep:0.3", "send:\\x03"), false, guard());
        String screen = r.stdout();
        assertEquals(ExitCodes.REFUSED, r.exitCode(), r.toString());
        assertEquals(1, screen.split("to proceed", -1).length - 1, "one question: " + r);
        assertTrue(screen.contains("[CG108]") && screen.contains("CG201") && screen.contains("/data"), r.toString());
        assertTrue(screen.contains("typed before this question were discarded"), r.toString());
        assertTrue(screen.contains("cancelled (Ctrl-C)") && screen.contains("nothing was deleted (the backup is kept at "
                + backups), r.toString());
        assertTrue(screen.contains("\rcompose-guard: backing up ") && screen.contains("/s"), "a progress line on the terminal: " + r);
        assertEquals(1, new BackupStore(backups).list().size());
        assertEquals(cache, Docker.docker("ps", "-aq", "--filter", "name=" + prod + "-cache-1").stdout().trim(),
                "the container was not recreated");
        assertFalse(screen.contains("tok-literal-7f3a"), "no secret value on the screen");

        // stderr a pipe (a log): the same backup, consented by the variable, with no control characters at all
        Map<String, String> logged = env();
        logged.put("COMPOSE_GUARD_CONFIRM", prod);
        Cmd.Result log = Cmd.run(dir, logged, guard(), null, 300);
        assertEquals(0, log.exitCode(), log.toString());
        assertEquals(1, log.stderr().split("confirmed by COMPOSE_GUARD_CONFIRM", -1).length - 1, log.toString());
        assertTrue(log.stderr().chars().noneMatch(c -> c == '\r' || c == 0x1b), "no control characters: " + log);
    }
}
