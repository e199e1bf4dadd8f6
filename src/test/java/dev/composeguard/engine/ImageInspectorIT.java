package dev.composeguard.engine;

import static dev.composeguard.testsupport.Docker.docker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.project.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint's image lookup against the real engine: an image built like postgres 18 (PGDATA, VOLUME), offline. */
@Tag("it")
class ImageInspectorIT {
    static final String IMAGE = "cgit-lint-pgish:1";

    @BeforeAll
    static void build(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM compose-guard-test/busybox:1\n"
                + "ENV PG_MAJOR=18 PGDATA=/var/lib/postgresql/18/docker SECRET_TOKEN=never-kept\n"
                + "VOLUME /var/lib/postgresql\nWORKDIR /srv\n");
        var r = docker("build", "-q", "-t", IMAGE, dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
    }

    @AfterAll
    static void remove() {
        docker("rmi", IMAGE);
    }

    @Test
    void readsVolumesWorkdirAndTheDataVariablesOfLocalImagesOnly() {
        Map<String, ImageConfig> m = ImageInspector.start(Map.of(), 3000).inspect(List.of(IMAGE, "cgit-lint-absent:9"));
        assertEquals(List.of(IMAGE), List.copyOf(m.keySet()));
        ImageConfig c = m.get(IMAGE);
        assertEquals(List.of("/var/lib/postgresql"), c.volumes());
        assertEquals("/srv", c.workingDir());
        assertEquals("/var/lib/postgresql/18/docker", c.env().get("PGDATA"));
        assertTrue(!c.env().containsKey("SECRET_TOKEN"), "only data-location variables are kept");
    }

    @Test
    void noEngineOrNoTimeMeansNoFacts() {
        assertEquals(Map.of(), ImageInspector.start(Map.of("DOCKER_HOST", "unix:///nonexistent.sock"), 1000).inspect(List.of(IMAGE)));
        assertEquals(Map.of(), ImageInspector.start(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), 1000).inspect(List.of(IMAGE)));
    }
}
