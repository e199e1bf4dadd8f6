package dev.composeguard.plan;

import dev.composeguard.testsupport.FakeEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final String ANON = "a".repeat(64);
    static final Path DIR = Path.of("/srv/shop");

    static Map<String, String> owned(String project, String key) {
        return Map.of("com.docker.compose.project", project, "com.docker.compose.volume", key);
    }

    static EngineContainer container(String project, String service, String image, String state, ContainerMount... m) {
        return new EngineContainer("id-" + service, project + "_" + service + "_1", image, "sha256:" + service, state,
                Map.of("com.docker.compose.project", project, "com.docker.compose.service", service), List.of(m),
                List.of("POSTGRES_PASSWORD=s3cret"));
    }

    static DestroyPlan plan(FakeEngine e, String cmd, List<String> args, Project p, String name, ComposeFlavor f) {
        return new Planner(e, v -> null).plan(DestructiveCall.any(cmd, args).orElseThrow(), p, name, f, false);
    }

    static List<String> names(DestroyPlan p) {
        return p.volumes().stream().map(PlanEntry::volume).toList();
    }

    @Test
    void downVolumesV2RemovesVolumesOfActiveServicesByNameEvenIfSomeoneElseCreatedThem() {
        Project p = TestProjects.project("shop", DIR, ComposeFlavor.V2)
                .service("db", "postgres:15", true, "data:/var/lib/postgresql/data")
                .service("web", "nginx", true, "shared:/srv")
                .service("tools", "busybox", false, "toolsdata:/t")
                .volume("data").volume("shared", "company-shared", false).volume("toolsdata").volume("ext", null, true)
                .volume("unused").build();
        FakeEngine e = new FakeEngine()
                .volume("shop_data", owned("shop", "data"), 100)
                .volume("company-shared", Map.of(), 5) // created by a human
                .volume("shop_toolsdata", owned("shop", "toolsdata"), 7)
                .volume("ext", Map.of(), 9)
                .volume("shop_unused", owned("shop", "unused"), 1)
                .volume(ANON, Map.of(), 3)
                .container(container("shop", "db", "postgres:15", "running",
                        new ContainerMount("volume", "shop_data", "/x", "/var/lib/postgresql/data"),
                        new ContainerMount("volume", ANON, "/y", "/tmp/anon")));
        DestroyPlan plan = plan(e, "down", List.of("-v"), p, "shop", ComposeFlavor.V2);
        assertEquals(List.of("shop_data", "company-shared", ANON), names(plan));
        assertEquals(100, plan.volumes().get(0).sizeBytes());
        assertEquals(List.of("db"), plan.volumes().get(0).services());
        assertNotNull(plan.volumes().get(1).note(), "a volume compose did not create is flagged");
        assertEquals(PlanEntry.Reason.ANONYMOUS, plan.volumes().get(2).reason());
    }

    @Test
    void downVolumesV1RemovesEveryDeclaredNonExternalVolume() {
        Project p = TestProjects.project("shop", DIR, ComposeFlavor.V1)
                .service("db", "postgres:15", true, "data:/d").volume("data").volume("unused").volume("ext", null, true)
                .build();
        FakeEngine e = new FakeEngine().volume("shop_data", owned("shop", "data"), 1)
                .volume("shop_unused", owned("shop", "unused"), 1).volume("ext", Map.of(), 1);
        assertEquals(List.of("shop_data", "shop_unused"), names(plan(e, "down", List.of("--volumes=true"), p, "shop",
                ComposeFlavor.V1)));
    }

    @Test
    void projectFlagWithoutFilesTakesEveryLabelledVolume() {
        FakeEngine e = new FakeEngine().volume("shop_data", owned("shop", "data"), 1)
                .volume("shop_old", owned("shop", "old"), 1).volume("other_data", owned("other", "data"), 1);
        assertEquals(List.of("shop_data", "shop_old"), names(plan(e, "down", List.of("-t", "3", "-v"), null, "SHOP",
                ComposeFlavor.V2)));
    }

    @Test
    void missingVolumesAndNonDestructiveSpellings() {
        FakeEngine e = new FakeEngine();
        Project p = TestProjects.project("shop", DIR, ComposeFlavor.V2).service("db", "postgres", true, "data:/d")
                .volume("data").build();
        assertTrue(plan(e, "down", List.of("-v"), p, "shop", ComposeFlavor.V2).isEmpty());
        assertTrue(DestructiveCall.of("down", List.of("--volumes=false")).isEmpty());
        assertTrue(DestructiveCall.of("rm", List.of("-f")).isEmpty());
        assertTrue(DestructiveCall.of("down", List.of("-t", "-v")).isEmpty(), "-v is the value of -t here");
        assertTrue(DestructiveCall.of("up", List.of("-dV")).isPresent());
        assertTrue(DestructiveCall.of("create", List.of("--yes")).isPresent());
    }

    @Test
    void rmVolumesTakesAnonymousVolumesOfRunningContainersToo() {
        String anon2 = "b".repeat(64);
        Project p = TestProjects.project("shop", DIR, ComposeFlavor.V2).service("db", "postgres", true)
                .service("web", "nginx", true).build();
        FakeEngine e = new FakeEngine().volume(ANON, Map.of(), 1).volume(anon2, Map.of(), 1)
                .container(container("shop", "db", "postgres", "exited", new ContainerMount("volume", ANON, "", "/d")))
                .container(container("shop", "web", "nginx", "running", new ContainerMount("volume", anon2, "", "/w")));
        // without -s a running container is removed only if it exits while the question waits: planned anyway (row 9)
        DestroyPlan fv = plan(e, "rm", List.of("-fv"), p, "shop", ComposeFlavor.V2);
        assertEquals(List.of(ANON, anon2), names(fv));
        assertEquals(List.of(ANON, anon2), names(plan(e, "rm", List.of("-s", "-v"), p, "shop", ComposeFlavor.V2)));
    }

    @Test
    void forceRecreateOfADatabaseWithoutVolumeIsAtRisk() {
        Project p = TestProjects.project("shop", DIR, ComposeFlavor.V2).service("cache", "redis:7", true)
                .service("db", "postgres:15", true, "data:/var/lib/postgresql/data").volume("data").build();
        FakeEngine e = new FakeEngine().volume("shop_data", owned("shop", "data"), 1)
                .container(container("shop", "cache", "redis:7", "running"))
                .container(container("shop", "db", "postgres:15", "running",
                        new ContainerMount("volume", "shop_data", "", "/var/lib/postgresql/data")));
        DestroyPlan plan = plan(e, "up", List.of("-d", "--force-recreate"), p, "shop", ComposeFlavor.V2);
        assertTrue(plan.volumes().isEmpty());
        assertEquals(1, plan.containerData().size());
        assertEquals("/data", plan.containerData().get(0).path());
        assertFalse(plan.isEmpty());
    }

    @Test
    void upYesRecreatesVolumesWhoseConfigDiffers() {
        Project p = TestProjects.project("shop", DIR, ComposeFlavor.V2).service("db", "postgres", true, "data:/d")
                .volume("data").build();
        FakeEngine e = new FakeEngine();
        Map<String, String> labels = new java.util.HashMap<>(owned("shop", "data"));
        labels.put("com.docker.compose.config-hash", "0".repeat(64));
        e.put(new dev.composeguard.engine.EngineVolume("shop_data", "nfs", labels, null));
        for (List<String> args : List.of(List.of("-y"), List.of("-d"))) {
            DestroyPlan plan = plan(e, "up", args, p, "shop", ComposeFlavor.V2);
            assertEquals(List.of("shop_data"), names(plan));
            assertEquals(PlanEntry.Reason.RECREATED, plan.volumes().get(0).reason());
        }
        // the hash compose wrote for this very configuration: no question, nothing at risk
        labels.put("com.docker.compose.config-hash", VolumeConfigHash.of(p.volumes().get("data"), DIR));
        e.put(new dev.composeguard.engine.EngineVolume("shop_data", "local", labels, null));
        assertTrue(plan(e, "up", List.of("-d"), p, "shop", ComposeFlavor.V2).isEmpty());
        // a volume made by hand or by compose < 2.32 has no hash: compose never asks
        e.volume("shop_data", owned("shop", "data"), 1);
        assertTrue(plan(e, "up", List.of("-y"), p, "shop", ComposeFlavor.V2).isEmpty());
    }
}
