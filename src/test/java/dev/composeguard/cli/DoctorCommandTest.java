package dev.composeguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.JsonCodec;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    @TempDir
    Path dir;

    private Map<String, String> env() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = bin.resolve("docker-compose");
        Files.writeString(fake, "#!/bin/sh\necho 'docker-compose version 1.29.2, build 5becea4c'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", dir.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                "DOCKER_HOST", "unix://" + dir.resolve("no.sock"), "COMPOSE_GUARD_LEDGER_DIR", dir.resolve("ledger").toString());
    }

    @Test
    void reportsEveryCheckAndFindingsVerdictInText() throws Exception {
        Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  a:\n    image: x\n");
        GuardRun r = GuardRun.in(dir, env(), "doctor");
        assertEquals(ExitCodes.FINDINGS, r.exitCode, r.toString());
        assertTrue(r.out.contains("compose  docker-compose 1.29.2 at " + dir.resolve("bin/docker-compose")), r.out);
        assertTrue(r.out.contains("warn     alias    docker-compose on PATH"), r.out);
        assertTrue(r.out.contains("fail     engine"), r.out);
        assertTrue(r.out.contains("verdict: FINDINGS"), r.out);
    }

    @Test
    void jsonReport() throws Exception {
        GuardRun r = GuardRun.in(dir, env(), "doctor", "--format", "json");
        assertEquals(ExitCodes.FINDINGS, r.exitCode, r.toString());
        assertEquals(1, r.out.lines().count(), "one compact line: " + r.out);
        JsonNode m = JsonCodec.MAPPER.readTree(r.out);
        assertEquals("FINDINGS", m.path("verdict").asText());
        List<String> fields = new ArrayList<>();
        m.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("verdict", "exitCode", "project", "workingDir", "checks", "findings"), fields);
        boolean engineFailed = false;
        for (JsonNode c : m.path("checks")) {
            engineFailed |= "engine".equals(c.path("name").asText()) && "fail".equals(c.path("status").asText());
        }
        assertTrue(engineFailed, r.out);
        GuardRun bad = GuardRun.in(dir, env(), "doctor", "--format", "xml");
        assertEquals(ExitCodes.USAGE, bad.exitCode, bad.toString());
    }

    /** The system plugin directories come from the call: a machine-wide plugin never leaks into a test. */
    @Test
    void systemPluginDirectoriesComeFromTheCall() throws Exception {
        Path system = Files.createDirectories(dir.resolve("system/cli-plugins"));
        Path plugin = system.resolve("docker-compose");
        Files.writeString(plugin, "#!/bin/sh\necho 'Docker Compose version 2.30.0'\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        GuardRun withPlugin = GuardRun.in(dir, env(), List.of(system.toString()), "doctor");
        assertTrue(withPlugin.out.contains("compose  docker compose plugin 2.30.0 (not checked: modelled by the rules of"
                + " 2.26.1) at " + plugin), withPlugin.out);
        GuardRun without = GuardRun.in(dir, env(), List.of(dir.resolve("nothing").toString()), "doctor");
        assertTrue(without.out.contains("compose  docker-compose 1.29.2 at " + dir.resolve("bin/docker-compose")), without.out);
    }
}
