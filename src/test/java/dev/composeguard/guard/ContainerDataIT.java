package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.GuardRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 row 7: a database whose data is on no volume loses it on plain {@code down}, {@code rm -sf} and an
 * {@code up -d} that recreates the container.
 */
@Tag("it")
class ContainerDataIT extends DeletionSetSupport {
    static final String COMPOSE = """
            services:
              db:
                image: compose-guard-test/postgres:15
                command: ["sh", "-c", "mkdir -p /var/lib/postgresql/data && echo rows > /var/lib/postgresql/data/t && exec sleep 3600"]
                environment:
                  SETTING: "VALUE"
            """;

    @Test
    void downRmAndUpAreGuardedAndTheDataIsBackedUp() throws Exception {
        assumeCompose(V240);
        write(COMPOSE.replace("VALUE", "1"));
        compose(V240, "up", "-d");
        write(COMPOSE.replace("VALUE", "2"));
        String f = dir.resolve("compose.yaml").toString();
        for (String[] argv : new String[][] {{"-f", f, "-p", name, "down"}, {"-f", f, "-p", name, "rm", "-sf"},
                {"-f", f, "-p", name, "up", "-d"}}) {
            GuardRun g = guard(env(V240), argv);
            assertEquals(ExitCodes.REFUSED, g.exitCode, g.toString());
            assertTrue(g.err.contains("/var/lib/postgresql/data"), g.toString());
        }
        // stopped (the image's postgres is not really running, so no logical dump could be taken): the directory is
        // read from the stopped container
        compose(V240, "stop", "-t", "0");
        GuardRun g = guard(env(V240, "COMPOSE_GUARD_CONFIRM", name), "-f", f, "-p", name, "down");
        assertEquals(0, g.exitCode, g.toString());
        assertTrue(backedUp().stream().anyMatch(b -> b.endsWith(":/var/lib/postgresql/data")), backedUp().toString());
        assertEquals("", dev.composeguard.testsupport.Docker.docker("ps", "-aq", "--filter",
                "label=com.docker.compose.project=" + name).stdout().trim(), "compose removed the container");
    }
}
