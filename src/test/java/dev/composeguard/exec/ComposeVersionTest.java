package dev.composeguard.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.composeguard.project.ComposeFlavor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeVersionTest {

    @Test
    void readsV1() {
        assertEquals(new ComposeVersion("1.29.2", ComposeFlavor.V1),
                ComposeVersion.parse("docker-compose version 1.29.2, build unknown"));
        assertEquals(new ComposeVersion("1.25.0", ComposeFlavor.V1),
                ComposeVersion.parse("docker-compose version 1.25.0, build 0a186604"));
    }

    @Test
    void readsV2AndLater() {
        assertEquals(new ComposeVersion("v2.40.3", ComposeFlavor.V2),
                ComposeVersion.parse("Docker Compose version v2.40.3"));
        assertEquals(new ComposeVersion("2.20.2+ds1-0ubuntu1~22.04.1", ComposeFlavor.V2),
                ComposeVersion.parse("Docker Compose version 2.20.2+ds1-0ubuntu1~22.04.1\n"));
        assertEquals(ComposeFlavor.V2, ComposeVersion.parse("Docker Compose version v5.0.0").flavor());
    }

    @Test
    void unknownOutputIsUnknownV2() {
        assertEquals(new ComposeVersion("unknown", ComposeFlavor.V2), ComposeVersion.parse("command not found"));
        assertEquals(new ComposeVersion("unknown", ComposeFlavor.V2), ComposeVersion.parse(""));
    }

    @Test
    void detectsOnceAndCachesPerBinary(@TempDir Path tmp) throws IOException {
        Path counter = tmp.resolve("runs");
        Path bin = tmp.resolve("docker-compose");
        Files.writeString(bin, "#!/bin/sh\necho x >> '" + counter + "'\n"
                + "[ \"$1\" = version ] && [ \"$COMPOSE_GUARD_HANDOFF\" = 1 ] && echo 'docker-compose version 1.29.2, build unknown'\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString(), "HOME", tmp.toString());
        RealCompose real = new RealCompose(bin, false, "test");
        ComposeVersion first = ComposeVersion.of(real, env);
        ComposeVersion second = ComposeVersion.of(real, env);
        assertEquals(new ComposeVersion("1.29.2", ComposeFlavor.V1), first);
        assertEquals(first, second);
        assertEquals(1, Files.readAllLines(counter).size(), "the second call must come from the cache");
    }

    /** Debian prints its package revision ({@code 2.40.3-3}); the release and "checked" ignore it. */
    @Test
    void debianVersionStringsMapToTheCheckedReleases() {
        ComposeVersion sid = ComposeVersion.parse("Docker Compose version 2.40.3-3");
        assertEquals("2.40.3-3", sid.version());
        assertEquals(dev.composeguard.project.ComposeRelease.V2_40, sid.release());
        assertEquals(true, sid.checked());
        ComposeVersion trixie = ComposeVersion.parse("Docker Compose version 2.26.1-4");
        assertEquals(dev.composeguard.project.ComposeRelease.V2_26, trixie.release());
        assertEquals("2.26.1-4", trixie.describe());
        ComposeVersion between = ComposeVersion.parse("Docker Compose version v2.30.0");
        assertEquals(dev.composeguard.project.ComposeRelease.V2_26, between.release());
        assertEquals("v2.30.0 (not checked: modelled by the rules of 2.26.1)", between.describe());
        assertEquals(dev.composeguard.project.ComposeRelease.V2_40, ComposeVersion.parse("Docker Compose version v2.36.0").release());
        assertEquals(dev.composeguard.project.ComposeRelease.V2_40, ComposeVersion.parse("Docker Compose version v5.0.0").release());
        assertEquals(dev.composeguard.project.ComposeRelease.V1_29, ComposeVersion.parse("docker-compose version 1.25.0, build x").release());
        assertEquals(false, ComposeVersion.parse("docker-compose version 1.25.0, build x").checked());
        assertEquals(true, ComposeVersion.parse("docker-compose version 1.29.2, build unknown").checked());
        assertEquals(false, ComposeVersion.parse("nothing").checked());
    }
}
