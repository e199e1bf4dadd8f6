package dev.composeguard.engine;

import static dev.composeguard.testsupport.Docker.docker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Docker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link EngineReads} contract, the same scenarios against every implementation on the real engine: the plain
 * unix-socket client and docker-java must answer alike, so that the checks before {@code up} (unix socket) and the
 * destructive plan with data at risk (docker-java) see the same engine.
 */
@Tag("it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineContractIT {
    static final String PROJECT = "cgit-engine-contract";
    static final String VOL = PROJECT + "_data";
    static final String OTHER = PROJECT + "-other_data";
    static final String CTR = PROJECT + "-c";
    /** Multi-byte label values, long enough that the engine answers chunked (over 2 KiB), with a byte count unlike the char count. */
    static final String WIDE = "größe-Ω-データ-".repeat(60);

    @BeforeAll
    void create() {
        remove();
        List<String> args = new ArrayList<>(List.of("volume", "create", "--label", EngineVolume.PROJECT_LABEL + "=" + PROJECT,
                "--label", EngineVolume.VOLUME_LABEL + "=data"));
        for (int i = 0; i < 3; i++) {
            args.addAll(List.of("--label", "cgit.wide." + i + "=" + WIDE));
        }
        args.add(VOL);
        assertEquals(0, docker(args.toArray(String[]::new)).exitCode());
        docker("volume", "create", "--label", EngineVolume.PROJECT_LABEL + "=" + PROJECT + "-other", OTHER);
        var r = docker("run", "--name", CTR, "--label", EngineVolume.PROJECT_LABEL + "=" + PROJECT, "-e",
                "POSTGRES_PASSWORD=x1", "-v", VOL + ":/data", Docker.BUSYBOX, "sh", "-c",
                "head -c 5000 /dev/zero > /data/f && mkdir /data/d");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @AfterAll
    void remove() {
        docker("rm", "-fv", CTR);
        docker("volume", "rm", "-f", VOL, OTHER);
    }

    Stream<Arguments> clients() {
        return Stream.of(
                Arguments.of("unix socket",
                        (Function<EngineTarget, EngineReads>) t -> UnixSocketEngine.connect(t.unixSocket().orElseThrow())),
                Arguments.of("docker-java", (Function<EngineTarget, EngineReads>) DockerJavaEngine::connect));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void volumesByLabelAndByName(String name, Function<EngineTarget, EngineReads> connect) {
        try (EngineReads e = connect.apply(EngineTarget.DEFAULT)) {
            List<EngineVolume> vols = e.volumes(Map.of(EngineVolume.PROJECT_LABEL, PROJECT));
            assertEquals(List.of(VOL), vols.stream().map(EngineVolume::name).toList());
            assertEquals("data", vols.get(0).composeKey());
            assertEquals("local", vols.get(0).driver());
            assertEquals(WIDE, vols.get(0).labels().get("cgit.wide.2"));
            assertTrue(e.volumes(Map.of("cgit.wide.0", "")).stream().anyMatch(v -> v.name().equals(VOL)));
            assertTrue(e.volumes(Map.of()).stream().map(EngineVolume::name).toList().containsAll(List.of(VOL, OTHER)));
            assertEquals(WIDE, e.volume(VOL).orElseThrow().labels().get("cgit.wide.0"));
            assertFalse(e.volume(PROJECT + "-none").isPresent());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void containersByLabelWithAndWithoutEnv(String name, Function<EngineTarget, EngineReads> connect) {
        try (EngineReads e = connect.apply(EngineTarget.DEFAULT)) {
            List<EngineContainer> cs = e.containers(true, Map.of(EngineVolume.PROJECT_LABEL, PROJECT));
            assertEquals(1, cs.size());
            EngineContainer c = cs.get(0);
            assertEquals(CTR, c.name());
            assertEquals("exited", c.state());
            assertEquals(PROJECT, c.project());
            assertTrue(c.env().contains("POSTGRES_PASSWORD=x1"));
            assertEquals(List.of(new ContainerMount("volume", VOL, c.mounts().get(0).source(), "/data")), c.mounts());
            assertTrue(c.imageId().startsWith("sha256:"));
            List<EngineContainer> light = e.containerSummaries(true, Map.of(EngineVolume.PROJECT_LABEL, ""));
            EngineContainer l = light.stream().filter(x -> x.name().equals(CTR)).findFirst().orElseThrow();
            assertEquals(List.of(c.id(), "exited", c.imageId(), c.labels(), c.mounts()),
                    List.of(l.id(), l.state(), l.imageId(), l.labels(), l.mounts()));
            assertTrue(l.env().isEmpty());
            assertTrue(e.containers(false, Map.of(EngineVolume.PROJECT_LABEL, PROJECT)).isEmpty(), "not running");
            assertTrue(e.containerSummaries(true, Map.of(EngineVolume.PROJECT_LABEL, PROJECT + "-none")).isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void usageSizesAndVersion(String name, Function<EngineTarget, EngineReads> connect) {
        try (EngineReads e = connect.apply(EngineTarget.DEFAULT)) {
            assertEquals(new VolumeUsage(5000, 2), e.usage(VOL));
            assertEquals(new VolumeUsage(0, 0), e.usage(PROJECT + "-none"));
            assertTrue(e.usage(OTHER).isEmpty());
            Map<String, Long> sizes = e.volumeSizes();
            assertEquals(5000L, sizes.get(VOL));
            assertEquals(0L, sizes.get(OTHER));
            assertEquals(docker("version", "--format", "{{.Server.Version}}").stdout().strip(), e.serverVersion());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void anAbsentEngineIsUnavailable(String name, Function<EngineTarget, EngineReads> connect) {
        EngineTarget nowhere = new EngineTarget("unix:///nonexistent/cgit-engine.sock", null, "test");
        assertThrows(EngineUnavailableException.class, () -> connect.apply(nowhere).close());
    }

    /** The engine sends large bodies chunked; the chunk sizes count bytes (multi-byte labels must survive). */
    @Test
    void theUnixSocketClientDecodesAChunkedAnswerByBytes() {
        UnixHttp http = new UnixHttp(EngineTarget.DEFAULT.unixSocket().orElseThrow(), 5000);
        UnixHttp.Response r = http.exchange("/volumes/" + VOL);
        assertTrue(r.chunked(), "expected a chunked answer for a " + r.body().length + "-byte body");
        assertEquals(WIDE, EngineJson.parse(r.text()).path("Labels").path("cgit.wide.1").asText());
    }
}
