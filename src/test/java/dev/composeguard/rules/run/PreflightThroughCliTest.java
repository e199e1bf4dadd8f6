package dev.composeguard.rules.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-flight step inside a whole guarded call: the outage's `up` is refused before compose runs. */
class PreflightThroughCliTest {
    @TempDir
    Path tmp;

    @Test
    void outageUpIsRefusedBeforeComposeRuns() throws Exception {
        Path root = Fixtures.copy("outage", tmp.resolve("shop"));
        Path marker = tmp.resolve("compose-ran");
        Path fake = tmp.resolve("bin/docker-compose");
        Files.createDirectories(fake.getParent());
        // Records its arguments: the guard may ask it for its version, but must never hand it the `up`.
        Files.writeString(fake, "#!/bin/sh\necho \"$@\" >> " + marker + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("COMPOSE_GUARD_REAL_COMPOSE", fake.toString(),
                "COMPOSE_GUARD_CONFIRM", "not-this-project", "COMPOSE_GUARD_HOME", tmp.resolve("home").toString());
        GuardRun r = GuardRun.in(root, env, "-f", "infra/docker-compose.yml", "-f", "infra/docker-compose.prod.yml",
                "--env-file", "envs/.env.prod", "up", "-d");
        assertEquals(ExitCodes.REFUSED, r.exitCode, r.toString());
        assertFalse(Files.exists(marker) && Files.readString(marker).contains("up"), "compose must not run up");
        assertEquals("", r.out, "stdout belongs to compose");
        assertTrue(r.err.contains("[CG102]") && r.err.contains("[CG105]") && r.err.contains("[CG108]"), r.err);
        assertTrue(r.err.contains("refusing up of project shop-prod: lint found 6 errors"), r.err);
        assertFalse(r.err.contains("s3cr3t"));
    }
}
