package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 11 row 5: docker-compose 1.29 {@code -p a-b down -v} removes the legacy {@code ab_data} when it exists. */
@Tag("it")
class LegacyVolumeNameIT extends DeletionSetSupport {
    @Test
    void v1RemovesTheLegacyNameAndTheGuardBacksItUp() throws Exception {
        assumeCompose(V129);
        Files.writeString(dir.resolve("docker-compose.yml"), """
                version: "3"
                services:
                  db:
                    image: compose-guard-test/busybox:1
                    volumes: [data:/d]
                volumes:
                  data: {}
                """);
        String legacy = name.replace("-", "") + "_data";
        extraVolumes.add(legacy);
        assertEquals(0, Docker.docker("volume", "create", legacy).exitCode());
        fill(legacy);
        Set<String> before = volumes(legacy);
        refusedNaming(guard(env(V129), "-p", name, "down", "-v"), before, legacy, legacy);
        GuardRun g = guard(env(V129, "COMPOSE_GUARD_CONFIRM", name), "-p", name, "down", "-v");
        assertEquals(0, g.exitCode, g.toString());
        assertFalse(Docker.volumeExists(legacy), "1.29 removed the legacy volume\n" + g);
        assertTrue(backedUp().contains(legacy), g.toString());
    }
}
