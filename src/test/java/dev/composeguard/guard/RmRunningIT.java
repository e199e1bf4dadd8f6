package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 row 9: {@code rm -v -f} without {@code -s} removes a container that exits while the question waits, with
 * its anonymous volume: the running container's anonymous volume is planned and backed up too.
 */
@Tag("it")
class RmRunningIT extends DeletionSetSupport {
    @Test
    void theAnonymousVolumeOfARunningContainerIsPlanned() throws Exception {
        assumeCompose(V240);
        write("""
                services:
                  app:
                    image: compose-guard-test/busybox:1
                    command: ["sleep", "3600"]
                    volumes: ["/scratch"]
                """);
        compose(V240, "up", "-d");
        String anon = Docker.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + name).stdout().trim();
        String vol = Docker.docker("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", anon).stdout().trim();
        assertEquals(64, vol.length(), vol);
        Set<String> before = volumes(vol);
        String f = dir.resolve("compose.yaml").toString();
        refusedNaming(guard(env(V240), "-f", f, "-p", name, "rm", "-v", "-f"), before, vol, vol.substring(0, 12));
        GuardRun g = guard(env(V240, "COMPOSE_GUARD_CONFIRM", name), "-f", f, "-p", name, "rm", "-v", "-f");
        assertEquals(0, g.exitCode, g.toString());
        assertTrue(backedUp().contains(vol), g.toString());
    }
}
