package dev.composeguard.rules.engine;

import dev.composeguard.ledger.LedgerStore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.JsonCodec;
import java.util.stream.StreamSupport;
import static dev.composeguard.testsupport.Docker.docker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy-time checks against the real engine and docker-compose 1.29.2, through the whole guard in-process. */
@Tag("it")
class DriftIT {
    static final String COMPOSE = """
            services:
              db:
                image: %s
                command: ["sh", "-c", "[ -f /data/PG_VERSION ] || echo 15 > /data/PG_VERSION; sleep 3600"]
                stop_signal: SIGKILL
                %s
                volumes:
                  - db_data:/data
            volumes:
              db_data:
            """;

    @TempDir
    Path tmp;

    final List<String> projects = new ArrayList<>();
    Path dir;

    @AfterEach
    void clean() {
        for (String p : projects) {
            Cmd.run(dir, Map.of(), List.of(Composes.v2Path(), "-p", p, "down", "-v", "-t", "0"));
            Docker.removeProject(p);
        }
    }

    private Path project(String name, String envLines) throws Exception {
        dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("docker-compose.yml"), String.format(COMPOSE, Docker.BUSYBOX, envLines));
        return dir;
    }

    private Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("COMPOSE_GUARD_LEDGER_DIR", tmp.resolve("ledger").toString());
        m.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        // The compose these tests name containers for (v2: p-s-1), whatever else the machine has on PATH.
        m.put("COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path());
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private GuardRun guard(Map<String, String> env, String... args) {
        return GuardRun.in(dir, env, args);
    }

    private static String engineState(String prefix) {
        return docker("volume", "ls", "-q").stdout().lines().filter(l -> l.startsWith(prefix)).sorted().toList() + " "
                + docker("ps", "-a", "--format", "{{.Names}}").stdout().lines().filter(l -> l.startsWith(prefix)).sorted()
                        .toList();
    }

    @Test
    void theOutageReplayedIsBlockedAndTheOldNameProceeds() throws Exception {
        String old = "cgit-drift-copilotos";
        String prod = "cgit-drift-copilotos-prod";
        projects.add(old);
        projects.add(prod);
        project("copilotos", "");
        GuardRun first = guard(env(), "-p", old, "up", "-d");
        assertEquals(0, first.exitCode, first.toString());
        var w = docker("exec", old + "-db-1", "sh", "-c", "head -c 200000 /dev/urandom > /data/collection-0.wt");
        assertEquals(0, w.exitCode(), w.toString());
        Files.writeString(dir.resolve(".env.prod"), "# production\nCOMPOSE_PROJECT_NAME=" + prod + "\n");

        String before = engineState("cgit-drift-copilotos");
        GuardRun blocked = guard(env(), "--env-file", ".env.prod", "up", "-d");
        assertEquals(ExitCodes.REFUSED, blocked.exitCode, blocked.toString());
        assertTrue(blocked.err.contains("CG201"), blocked.err);
        assertTrue(blocked.err.contains("up would create volume " + prod + "_db_data EMPTY"), blocked.err);
        assertTrue(blocked.err.contains("while " + old + "_db_data (project " + old + ", 195.3 KB"), blocked.err);
        assertTrue(blocked.err.contains("COMPOSE_PROJECT_NAME in an env file (.env.prod:2"), blocked.err);
        assertTrue(blocked.err.contains("fix: keep the old project name: -p " + old), blocked.err);
        assertTrue(blocked.err.contains("COMPOSE_GUARD_CONFIRM=" + prod), blocked.err);
        assertEquals(before, engineState("cgit-drift-copilotos"), "the refused up created something");
        assertFalse(Docker.volumeExists(prod + "_db_data"));

        GuardRun doctor = guard(env(), "doctor", "--env-file", ".env.prod", "--format", "json");
        assertEquals(ExitCodes.FINDINGS, doctor.exitCode, doctor.toString());
        JsonNode report = JsonCodec.MAPPER.readTree(doctor.out.trim());
        assertEquals("FINDINGS", report.path("verdict").asText());
        assertTrue(StreamSupport.stream(report.path("findings").spliterator(), false)
                .anyMatch(f -> "CG201".equals(f.path("code").asText()) && f.path("blocking").asBoolean()), doctor.out);
        assertTrue(StreamSupport.stream(report.path("checks").spliterator(), false)
                .anyMatch(c -> "engine".equals(c.path("name").asText()) && "ok".equals(c.path("status").asText())),
                doctor.out);
        assertEquals(before, engineState("cgit-drift-copilotos"), "doctor changed the engine");

        GuardRun wrongWord = guard(env("COMPOSE_GUARD_CONFIRM", old), "--env-file", ".env.prod", "up", "-d");
        assertEquals(ExitCodes.REFUSED, wrongWord.exitCode, wrongWord.toString());

        GuardRun fixed = guard(env(), "-p", old, "up", "-d");
        assertEquals(0, fixed.exitCode, fixed.toString());
        assertFalse(fixed.err.contains("CG201"), fixed.err);
        assertFalse(Docker.volumeExists(prod + "_db_data"));

        GuardRun consent = guard(env("COMPOSE_GUARD_CONFIRM", prod), "--env-file", ".env.prod", "up", "-d");
        assertEquals(0, consent.exitCode, consent.toString());
        assertTrue(Docker.volumeExists(prod + "_db_data"));
    }

    @Test
    void switchingTheEnvFileOfAnInitializedDatabaseWarns() throws Exception {
        String name = "cgit-drift-cred";
        projects.add(name);
        project(name, "environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}");
        Files.writeString(dir.resolve("one.env"), "POSTGRES_PASSWORD=first-pass-1\n");
        Files.writeString(dir.resolve("two.env"), "POSTGRES_PASSWORD=second-pass-2\n");
        GuardRun init = guard(env(), "--env-file", "one.env", "up", "-d");
        assertEquals(0, init.exitCode, init.toString());
        assertFalse(init.err.contains("CG206"), init.err);

        GuardRun again = guard(env(), "--env-file", "one.env", "up", "-d");
        assertEquals(0, again.exitCode, again.toString());
        assertFalse(again.err.contains("CG206"), again.err);

        GuardRun switched = guard(env(), "--env-file", "two.env", "up", "-d");
        assertEquals(0, switched.exitCode, switched.toString());
        assertTrue(switched.err.contains("CG206 warning credential-drift: service db will get POSTGRES_PASSWORD"),
                switched.err);
        assertTrue(switched.err.contains("volume " + name + "_db_data already holds data"), switched.err);
        assertTrue(switched.err.contains("authentication failed"), switched.err);
        assertTrue(switched.err.contains("CG203 warning env-file-switched"), switched.err);
        assertFalse(switched.err.contains("first-pass-1") || switched.err.contains("second-pass-2"), "a value leaked");
        Path ledger = new LedgerStore(tmp.resolve("ledger")).fileFor(dir);
        String text = Files.readString(ledger);
        assertFalse(text.contains("first-pass-1") || text.contains("second-pass-2"), "a value in the ledger");
    }

    @Test
    void switchingTheDataPathToAnEmptyBindMountIsReported() throws Exception {
        String name = "cgit-drift-bind";
        projects.add(name);
        project(name, "");
        GuardRun first = guard(env(), "-p", name, "up", "-d");
        assertEquals(0, first.exitCode, first.toString());
        Files.createDirectories(dir.resolve("hostdata"));
        Files.writeString(dir.resolve("docker-compose.yml"), Files.readString(dir.resolve("docker-compose.yml"))
                .replace("- db_data:/data", "- ./hostdata:/data"));
        GuardRun moved = guard(env(), "-p", name, "up", "-d");
        assertEquals(0, moved.exitCode, moved.toString());
        assertTrue(moved.err.contains("CG208 error bind-mount-takeover: service db will mount bind mount hostdata"
                + " (an empty host directory) at /data, where its last container had named volume " + name + "_db_data"),
                moved.err);
        assertTrue(moved.err.contains("CG205 error data-mount-moved: data mount db:/data moved: it was named volume "
                + name + "_db_data"), moved.err);
    }

    @Test
    void ledgerFindingsBetweenTwoUpsAndACrashedLastLine() throws Exception {
        String name = "cgit-drift-ledger";
        String renamed = "cgit-drift-ledger2";
        projects.add(name);
        projects.add(renamed);
        project(name, "");
        Files.writeString(dir.resolve("docker-compose.override.yml"), "services:\n  db:\n    labels:\n      tier: data\n");
        Files.writeString(dir.resolve("a.env"), "TAG=1\n");
        Files.writeString(dir.resolve("b.env"), "TAG=2\n");
        GuardRun first = guard(env(), "--env-file", "a.env", "up", "-d");
        assertEquals(0, first.exitCode, first.toString());
        LedgerStore store = new LedgerStore(tmp.resolve("ledger"));
        assertEquals(1, store.read(dir).size());

        // renamed: the volume was created empty by the init only if the container wrote nothing; here it holds
        // PG_VERSION, so the rename is refused (CG201) and reported (CG202)
        GuardRun rename = guard(env(), "--env-file", "a.env", "-p", renamed, "up", "-d");
        assertEquals(ExitCodes.REFUSED, rename.exitCode, rename.toString());
        assertTrue(rename.err.contains("CG202 error project-renamed: project name is " + renamed), rename.err);
        assertTrue(rename.err.contains("used " + name), rename.err);

        // override file gone
        Files.delete(dir.resolve("docker-compose.override.yml"));
        GuardRun noOverride = guard(env(), "--env-file", "a.env", "up", "-d");
        assertEquals(0, noOverride.exitCode, noOverride.toString());
        assertTrue(noOverride.err.contains("CG204 warning override-file-gone: override file docker-compose.override.yml"),
                noOverride.err);
        assertFalse(noOverride.err.contains("CG203"), noOverride.err);

        // a crash in the middle of the last write
        Files.write(store.fileFor(dir), "{\"v\":1,\"project\":\"cgit-dr".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        assertEquals(2, store.read(dir).size());

        // env file switched (and the ledger still reads past the torn line)
        GuardRun switched = guard(env(), "--env-file", "b.env", "up", "-d");
        assertEquals(0, switched.exitCode, switched.toString());
        assertTrue(switched.err.contains("CG203 warning env-file-switched: env file switched: the last deploy"),
                switched.err);
        assertTrue(switched.err.contains("read a.env, this one reads b.env"), switched.err);
        assertFalse(switched.err.contains("CG204"), switched.err);
        assertEquals(3, store.read(dir).size());
        assertTrue(Files.readString(store.fileFor(dir)).endsWith("}\n"));
    }
}
