package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 row 4: with {@code COMPOSE_PROJECT_NAME} exported, a file compose refuses (the guard does not validate the
 * schema) makes compose fall back to every volume labelled with the project; 2.26 also falls back on an unknown
 * service name.
 */
@Tag("it")
class LoadFallbackIT extends DeletionSetSupport {
    static final String REFUSED_BY_COMPOSE = """
            services:
              db:
                image: compose-guard-test/busybox:1
                bogus_key: 1
                volumes: [dbdata:/d]
            volumes:
              dbdata: {}
            """;

    void labelled(String key) {
        assertEquals(0, Docker.docker("volume", "create", "--label", "com.docker.compose.project=" + name, "--label",
                "com.docker.compose.volume=" + key, name + "_" + key).exitCode());
    }

    void fallback(String binary, String compose, String... args) throws Exception {
        assumeCompose(binary);
        write(compose);
        labelled("dbdata");
        labelled("extra");
        Set<String> before = volumes(name);
        refusedNaming(guard(env(binary, "COMPOSE_PROJECT_NAME", name), args), before, name, name + "_dbdata",
                name + "_extra");
        GuardRun g = guard(env(binary, "COMPOSE_PROJECT_NAME", name, "COMPOSE_GUARD_CONFIRM", name), args);
        assertEquals(0, g.exitCode, g.toString());
        everythingRemovedWasBackedUp(before, name, g);
        assertEquals(Set.of(), volumes(name), "compose removed every labelled volume");
    }

    @Test
    void compose240FallsBackOnAFileItRefuses() throws Exception {
        fallback(V240, REFUSED_BY_COMPOSE, "down", "-v");
    }

    @Test
    void compose226FallsBackOnAnUnknownService() throws Exception {
        fallback(V226, DownServicesIT.COMPOSE.replace("volumes: [otherdata:/o]", "volumes: [extra:/o]")
                .replace("otherdata: {}", "extra: {}"), "down", "-v", "nosuch");
    }
}
