package dev.composeguard.plan;

import dev.composeguard.testsupport.FakeEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-release rules of what compose deletes (issue 11 rows 3-9), each checked on the real binaries first. */
class VersionRulesTest {
    static final Path DIR = Path.of("/srv/shop");
    static final ComposeRules V2_40 = ComposeRules.of(ComposeFlavor.V2, "v2.40.3");
    static final ComposeRules V2_26 = ComposeRules.of(ComposeFlavor.V2, "v2.26.1");
    static final ComposeRules V1 = ComposeRules.of(ComposeFlavor.V1, "1.29.2");

    static Project shop() {
        return TestProjects.project("shop", DIR, ComposeFlavor.V2)
                .service("web", "nginx", true, "webdata:/w").service("db", "busybox", true, "dbdata:/d")
                .service("other", "busybox", true, "otherdata:/o").service("prof", "busybox", false, "profdata:/p")
                .dependsOn("web", "db").volume("webdata").volume("dbdata").volume("otherdata").volume("profdata")
                .build();
    }

    static FakeEngine engineWithAll() {
        FakeEngine e = new FakeEngine();
        for (String v : List.of("webdata", "dbdata", "otherdata", "profdata")) {
            e.volume("shop_" + v, PlannerTest.owned("shop", v), 1);
        }
        return e;
    }

    static List<String> down(ComposeRules rules, String... args) {
        DestroyPlan p = new Planner(engineWithAll(), v -> null).plan(DestructiveCall.of("down", List.of(args))
                .orElseThrow(), shop(), "shop", rules, false, Set.of());
        return p.volumes().stream().map(PlanEntry::volume).sorted().toList();
    }

    @Test
    void rulesFromVersionStrings() {
        assertTrue(V2_40.downNarrowsToNamedServices());
        assertFalse(V2_26.downNarrowsToNamedServices());
        assertFalse(ComposeRules.of(ComposeFlavor.V2, "unknown").downNarrowsToNamedServices(), "unknown: widest");
        assertTrue(ComposeRules.of(ComposeFlavor.V2, "v5.0.1").downNarrowsToNamedServices());
        assertTrue(V2_40.recreatesDivergedVolumes());
        assertTrue(ComposeRules.of(ComposeFlavor.V2, "2.32.0").recreatesDivergedVolumes());
        assertFalse(ComposeRules.of(ComposeFlavor.V2, "v2.31.9").recreatesDivergedVolumes());
        assertTrue(ComposeRules.of(ComposeFlavor.V2, "garbage").recreatesDivergedVolumes(), "unknown: assume it asks");
        assertFalse(V2_26.recreatesDivergedVolumes());
        assertTrue(V1.prefersLegacyVolumeNames());
        assertFalse(V1.fallsBackToProjectLabel());
    }

    @Test
    void row3DownWithAServiceTakesItsDependsOnClosureIn240() {
        assertEquals(List.of("shop_dbdata", "shop_webdata"), down(V2_40, "-v", "web"));
        assertEquals(List.of("shop_dbdata"), down(V2_40, "-v", "db"), "dependents are not included");
        assertEquals(List.of("shop_profdata"), down(V2_40, "-v", "prof"), "naming a service enables its profile");
    }

    @Test
    void row3DownWithAServiceTakesEveryActiveServiceIn226() {
        assertEquals(List.of("shop_dbdata", "shop_otherdata", "shop_webdata"), down(V2_26, "-v", "web"));
        assertEquals(List.of("shop_dbdata", "shop_otherdata", "shop_profdata", "shop_webdata"),
                down(V2_26, "-v", "prof"));
        assertEquals(down(V2_26, "-v", "web"), down(ComposeRules.unknown(ComposeFlavor.V2), "-v", "web"));
    }

    @Test
    void row4FallbackToTheProjectLabelIsPlannedWhenComposeProjectNameIsSet() {
        FakeEngine e = engineWithAll().volume("shop_forgotten", PlannerTest.owned("shop", "forgotten"), 1)
                .volume("legacy_x", PlannerTest.owned("legacy", "x"), 1);
        Planner planner = new Planner(e, v -> null);
        DestructiveCall call = DestructiveCall.of("down", List.of("-v", "web")).orElseThrow();
        List<String> without = planner.plan(call, shop(), "shop", V2_40, false, Set.of()).volumes().stream()
                .map(PlanEntry::volume).toList();
        assertFalse(without.contains("shop_forgotten"));
        DestroyPlan with = planner.plan(call, shop(), "shop", V2_40, false, Set.of("SHOP", "legacy"));
        List<String> names = with.volumes().stream().map(PlanEntry::volume).toList();
        assertTrue(names.containsAll(List.of("shop_forgotten", "shop_otherdata", "shop_profdata", "legacy_x")), names
                .toString());
        // v1 has no such fallback
        assertTrue(planner.plan(call, shop(), "shop", V1, false, Set.of("legacy")).volumes().stream()
                .noneMatch(v -> v.volume().equals("legacy_x")));
    }

    @Test
    void row5V1RemovesTheLegacyNameWhenItExists() {
        Project p = TestProjects.project("adv-r05", DIR, ComposeFlavor.V1).service("db", "busybox", true, "data:/d")
                .volume("data").volume("named", "fixed-name", false).build();
        DestructiveCall call = DestructiveCall.of("down", List.of("-v")).orElseThrow();
        FakeEngine legacyOnly = new FakeEngine().volume("advr05_data", Map.of(), 1).volume("fixed-name", Map.of(), 1);
        DestroyPlan plan = new Planner(legacyOnly, v -> null).plan(call, p, "adv-r05", V1, false, Set.of());
        assertEquals(List.of("advr05_data", "fixed-name"), plan.volumes().stream().map(PlanEntry::volume).toList());
        assertTrue(plan.volumes().get(0).note().contains("legacy"), plan.volumes().get(0).note());
        // both exist: 1.29 removes the legacy one and keeps adv-r05_data
        FakeEngine both = new FakeEngine().volume("advr05_data", Map.of(), 1).volume("adv-r05_data", Map.of(), 1);
        assertEquals(List.of("advr05_data"), new Planner(both, v -> null).plan(call, p, "adv-r05", V1, false,
                Set.of()).volumes().stream().map(PlanEntry::volume).toList());
        FakeEngine normal = new FakeEngine().volume("adv-r05_data", Map.of(), 1);
        assertEquals(List.of("adv-r05_data"), new Planner(normal, v -> null).plan(call, p, "adv-r05", V1, false,
                Set.of()).volumes().stream().map(PlanEntry::volume).toList());
    }

    @Test
    void row6VolumeHashIsComposes() {
        // label written by compose 2.40.3 for {name: cgit-plan-r6_data, labels: {a: "1"}}
        var v = new dev.composeguard.project.Volume("data", "cgit-plan-r6_data", false, false, null, Map.of("a", "1"),
                dev.composeguard.project.Source.NONE);
        assertEquals("5719ddf909608ac136342fef085d82bbd13b6c72879bbc614b38320029ef6178", VolumeConfigHash.of(v, DIR));
        assertEquals("\"a\\u003cb\\u0026\\n\\\"\"", VolumeConfigHash.string("a<b&\n\""));
    }

    @Test
    void row6AnyUpCreateRunOrWatchOn232PlansADivergedVolume() {
        Project p = TestProjects.project("shop", DIR, ComposeFlavor.V2).service("db", "busybox", true, "data:/d")
                .volume("data", Map.of(), Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=2m")).build();
        Map<String, String> labels = new java.util.HashMap<>(PlannerTest.owned("shop", "data"));
        labels.put("com.docker.compose.config-hash", "f".repeat(64));
        FakeEngine e = new FakeEngine();
        e.put(new dev.composeguard.engine.EngineVolume("shop_data", "local", labels, null));
        for (String cmd : List.of("up", "create", "run", "watch")) {
            DestroyPlan plan = new Planner(e, v -> null).plan(DestructiveCall.any(cmd, List.of()).orElseThrow(), p,
                    "shop", V2_40, false, Set.of());
            assertEquals(PlanEntry.Reason.RECREATED, plan.volumes().get(0).reason(), cmd);
            assertTrue(new Planner(e, v -> null).plan(DestructiveCall.any(cmd, List.of()).orElseThrow(), p, "shop",
                    V2_26, false, Set.of()).isEmpty(), "2.26 never asks");
        }
    }

    static EngineContainer pg(String state, ContainerMount... m) {
        return PlannerTest.container("shop", "db", "postgres:15", state, m);
    }

    static DestroyPlan any(FakeEngine e, String cmd, String... args) {
        Project p = TestProjects.project("shop", DIR, ComposeFlavor.V2).service("db", "postgres:15", true).build();
        return new Planner(e, v -> null).plan(DestructiveCall.any(cmd, List.of(args)).orElseThrow(), p, "shop", V2_40,
                false, Set.of());
    }

    @Test
    void row7DatabaseDataOnNoVolumeIsAtRiskOnEveryRemoveOrRecreate() {
        FakeEngine running = new FakeEngine().container(pg("running"));
        for (String[] call : List.of(new String[] {"down"}, new String[] {"rm", "-sf"}, new String[] {"up", "-d"},
                new String[] {"create"}, new String[] {"up", "-d", "db"})) {
            DestroyPlan plan = any(running, call[0], java.util.Arrays.copyOfRange(call, 1, call.length));
            assertEquals(1, plan.containerData().size(), String.join(" ", call));
            assertEquals("/var/lib/postgresql/data", plan.containerData().get(0).path());
        }
        assertTrue(any(running, "up", "-d", "--no-recreate").isEmpty());
        assertTrue(any(running, "run", "db", "true").isEmpty());
        // row 9 too: rm -f (no -s) of a running container counts, it may exit while the question waits
        assertFalse(any(running, "rm", "-f").isEmpty());
        FakeEngine onVolume = new FakeEngine().container(pg("running",
                new ContainerMount("volume", "shop_data", "", "/var/lib/postgresql/data")));
        assertTrue(any(onVolume, "down").isEmpty());
        assertTrue(any(onVolume, "up", "-d").isEmpty());
    }
}
