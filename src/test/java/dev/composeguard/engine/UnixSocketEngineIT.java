package dev.composeguard.engine;

import static dev.composeguard.testsupport.Docker.docker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Docker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The raw unix-socket engine client against the real engine, and what it costs. */
@Tag("it")
class UnixSocketEngineIT {
    static final String VOL = "cgit-drift-sock_data";
    static final String CTR = "cgit-drift-sock-c";

    @AfterEach
    void clean() {
        docker("rm", "-fv", CTR);
        docker("volume", "rm", "-f", VOL);
    }

    @Test
    void readsVolumesContainersUsageAndVersion() {
        docker("volume", "create", "--label", "com.docker.compose.project=cgit-drift-sock", "--label",
                "com.docker.compose.volume=data", VOL);
        var r = docker("run", "--name", CTR, "--label", "com.docker.compose.project=cgit-drift-sock", "-e",
                "POSTGRES_PASSWORD=x1", "-v", VOL + ":/data", Docker.BUSYBOX, "sh", "-c",
                "head -c 5000 /dev/zero > /data/f && mkdir /data/d");
        assertEquals(0, r.exitCode(), r.toString());
        long t0 = System.nanoTime();
        try (UnixSocketEngine e = UnixSocketEngine.connect(EngineTarget.DEFAULT.unixSocket().orElseThrow())) {
            long connected = System.nanoTime();
            List<EngineVolume> vols = e.volumes(Map.of("com.docker.compose.project", "cgit-drift-sock"));
            assertEquals(1, vols.size());
            assertEquals("data", vols.get(0).composeKey());
            assertTrue(e.volume(VOL).isPresent());
            assertFalse(e.volume("cgit-drift-sock-none").isPresent());
            List<EngineContainer> cs = e.containers(true, Map.of("com.docker.compose.project", "cgit-drift-sock"));
            assertEquals(1, cs.size());
            EngineContainer c = cs.get(0);
            assertEquals(CTR, c.name());
            assertEquals("exited", c.state());
            assertTrue(c.env().contains("POSTGRES_PASSWORD=x1"));
            assertEquals(VOL, c.mounts().get(0).name());
            assertEquals("/data", c.mounts().get(0).destination());
            List<EngineContainer> light = e.containersWithoutEnv(true, Map.of("com.docker.compose.project", ""));
            EngineContainer l = light.stream().filter(x -> x.name().equals(CTR)).findFirst().orElseThrow();
            assertEquals("exited", l.state());
            assertTrue(l.env().isEmpty());
            assertEquals(c.mounts(), l.mounts());
            VolumeUsage u = e.usage(VOL);
            assertEquals(5000, u.bytes());
            assertEquals(2, u.entries());
            assertFalse(e.serverVersion().isEmpty());
            long done = System.nanoTime();
            System.err.printf("UnixSocketEngine: connect %d ms, 6 calls %d ms%n", (connected - t0) / 1_000_000,
                    (done - connected) / 1_000_000);
        }
    }

    @Test
    void missingSocketIsEngineUnavailable() {
        assertThrows(EngineUnavailableException.class, () -> UnixSocketEngine.connect(Path.of("/nonexistent/docker.sock")));
        assertTrue(new EngineTarget("tcp://1.2.3.4:2375", null, "test").unixSocket().isEmpty());
    }
}
