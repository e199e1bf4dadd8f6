package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 row 6: compose 2.32+ asks "Recreate (data will be lost)?" on stdin when a volume's labels or driver_opts
 * changed; {@code echo y |}, {@code -y}, {@code run} and {@code watch} recreate it empty. The guard asks first, backs
 * up, then passes {@code -y} itself.
 */
@Tag("it")
class VolumeRecreateIT extends DeletionSetSupport {
    static final String COMPOSE = """
            services:
              db:
                image: compose-guard-test/busybox:1
                command: ["sleep", "3600"]
                volumes: [data:/d]
            volumes:
              data:
                labels:
                  tier: "LABEL"
            """;

    @Test
    void aChangedLabelIsPlannedForEveryCommandThatEnsuresVolumes() throws Exception {
        assumeCompose(V240);
        String volume = name + "_data";
        write(COMPOSE.replace("LABEL", "one"));
        compose(V240, "up", "-d");
        fill(volume);
        write(COMPOSE.replace("LABEL", "two"));
        Set<String> before = volumes(name);
        String f = dir.resolve("compose.yaml").toString();
        for (String[] argv : new String[][] {{"-f", f, "-p", name, "up", "-d"}, {"-f", f, "-p", name, "up", "-d", "-y"},
                {"-f", f, "-p", name, "run", "--rm", "db", "true"}, {"-f", f, "-p", name, "watch"},
                {"-f", f, "-p", name, "create"}}) {
            refusedNaming(guard(env(V240), argv), before, name, volume);
        }
        GuardRun g = guard(env(V240, "COMPOSE_GUARD_CONFIRM", name), "-f", f, "-p", name, "up", "-d");
        assertEquals(0, g.exitCode, g.toString());
        assertTrue(backedUp().contains(volume), g.toString());
        String labels = Docker.docker("volume", "inspect", "-f", "{{json .Labels}}", volume).stdout();
        assertTrue(labels.contains("\"tier\":\"two\""), "compose recreated it (the guard passed -y): " + labels);
        // compose wrote the hash the guard computes: the next up is quiet
        GuardRun again = guard(env(V240), "-f", f, "-p", name, "up", "-d");
        assertEquals(0, again.exitCode, again.toString());
    }
}
