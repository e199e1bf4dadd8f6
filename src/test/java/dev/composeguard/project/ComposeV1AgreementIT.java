package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Composes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The corpus against the real docker-compose 1.29.2 (skipped when absent; v2: {@link ComposeV2AgreementIT}) ({@code config}, {@code config --services},
 * {@code config --volumes}): services, images, mounts (type, source, target) and explicit volume names.
 * <ul>
 * <li>{@code v1: same}: v1 and v2 agree, so the loader in both flavors must give what docker-compose gives;</li>
 * <li>{@code v1: differs}: the loader's v2 answer (pinned by the golden file) must differ from docker-compose's,
 * and the loader's v1 flavor must match docker-compose;</li>
 * <li>{@code v1: skip}: features v1 does not have (include, !reset, profiles '*' …), v2 only.</li>
 * </ul>
 */
@Tag("it")
class ComposeV1AgreementIT {

    static Stream<GoldenCase> cases() throws IOException {
        return GoldenCase.all().stream().filter(c -> !c.v1().equals("skip"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithDockerCompose1(GoldenCase c) throws Exception {
        String real = composeFacts(c);
        String asV1 = loaderFacts(c, ComposeFlavor.V1);
        assertEquals(real, asV1, c.name() + ": loader (v1 rules) vs docker-compose 1.29.2");
        String asV2 = loaderFacts(c, ComposeFlavor.V2);
        if (c.v1().equals("same")) {
            assertEquals(real, asV2, c.name() + ": loader (v2 rules) vs docker-compose 1.29.2");
        } else {
            assertNotEquals(real, asV2, c.name() + " is marked 'v1: differs' but v1 and v2 agree");
        }
    }

    /** explain names the rules it modelled: the real docker-compose here is 1.29.2, so v1's. */
    @org.junit.jupiter.api.Test
    void explainDetectsTheRealComposeFlavor(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path v1 = Composes.require("1.29.2");
        Path dir = GoldenCase.ROOT.resolve("_-Leading");
        dev.composeguard.testsupport.GuardRun r = dev.composeguard.testsupport.GuardRun.in(dir,
                Map.of("COMPOSE_GUARD_REAL_COMPOSE", v1.toString(), "XDG_CACHE_HOME", tmp.toString()),
                "explain");
        assertEquals(0, r.exitCode, r.toString());
        org.junit.jupiter.api.Assertions.assertTrue(r.out.contains("docker-compose v1 rules (1.29.2 at " + v1 + ")"), r.out);
        org.junit.jupiter.api.Assertions.assertTrue(r.out.contains("Project:    _-leading "), r.out);
        org.junit.jupiter.api.Assertions.assertTrue(r.out.contains("volume data = leading_data"), r.out);
    }

    /** What docker-compose says, in the comparison format. */
    static String composeFacts(GoldenCase c) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String k : System.getenv().keySet()) {
            if (k.startsWith("COMPOSE_") || k.startsWith("DOCKER_")) {
                env.put(k, null);
            }
        }
        env.putAll(c.osEnv());
        List<String> base = new ArrayList<>(List.of(Composes.require("1.29.2").toString()));
        base.addAll(c.args());
        byte[] in = c.stdin() == null ? null : Files.readAllBytes(c.stdin());
        Cmd.Result config = run(c, env, base, in, "config");
        if (config.exitCode() != 0) {
            return "error";
        }
        // the two listings in parallel: each is a Python start (~1 s)
        var servicesF = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> run(c, env, base, in, "config", "--services"));
        Cmd.Result volumes = run(c, env, base, in, "config", "--volumes");
        Cmd.Result services = servicesF.join();
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(config.stdout());
        StringBuilder b = new StringBuilder();
        b.append("services ").append(new TreeSet<>(lines(services.stdout()))).append('\n');
        b.append("volumes ").append(new TreeSet<>(lines(volumes.stdout()))).append('\n');
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> svcs = (Map<String, Map<String, Object>>) doc.getOrDefault("services", Map.of());
        for (Map.Entry<String, Map<String, Object>> e : new TreeMap<>(svcs).entrySet()) {
            b.append("service ").append(e.getKey()).append(" image=").append(e.getValue().get("image")).append('\n');
            TreeSet<String> mounts = new TreeSet<>();
            Object vols = e.getValue().get("volumes");
            if (vols instanceof List<?> list) {
                for (Object v : list) {
                    if (v instanceof String s) {
                        VolumeSpec spec = VolumeSpec.parse(s);
                        mounts.add(mount(spec.type().name(), spec.source(), spec.target()));
                    } else if (v instanceof Map<?, ?> m) {
                        mounts.add(mount(String.valueOf(m.get("type")).toUpperCase(java.util.Locale.ROOT),
                                (String) m.get("source"), (String) m.get("target")));
                    }
                }
            }
            mounts.forEach(m -> b.append("  ").append(m).append('\n'));
            Object senv = e.getValue().get("environment");
            if (senv instanceof Map<?, ?> m) {
                new TreeMap<>(m).forEach((k, v) -> b.append("  env ").append(k).append('=')
                        .append(v == null ? null : String.valueOf(v).replace("$$", "$")).append('\n'));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tops = (Map<String, Object>) doc.getOrDefault("volumes", Map.of());
        for (Map.Entry<String, Object> e : new TreeMap<>(tops == null ? Map.<String, Object>of() : tops).entrySet()) {
            Object name = e.getValue() instanceof Map<?, ?> m ? m.get("name") : null;
            b.append("volume ").append(e.getKey()).append(" name=").append(name == null ? "-" : name).append('\n');
        }
        return b.toString();
    }

    private static Cmd.Result run(GoldenCase c, Map<String, String> env, List<String> base, byte[] in, String... more) {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of(more));
        return Cmd.run(c.cwd(), env, cmd, in, 120);
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                out.add(l.trim());
            }
        }
        return out;
    }

    private static String mount(String type, String source, String target) {
        return type.toLowerCase(java.util.Locale.ROOT) + " " + (source == null || source.isEmpty() ? "-" : source)
                + " -> " + target;
    }

    /** What the loader says, in the same format (all services: v1's config does not filter by profile). */
    static String loaderFacts(GoldenCase c, ComposeFlavor flavor) throws IOException, ProjectLoadException {
        Project p;
        try {
            p = ProjectLoader.load(c.request(flavor));
        } catch (ProjectLoadException e) {
            return "error";
        }
        return facts(p, c, flavor);
    }

    private static String facts(Project p, GoldenCase c, ComposeFlavor flavor) throws IOException, ProjectLoadException {
        StringBuilder b = new StringBuilder();
        b.append("services ").append(new TreeSet<>(p.services().keySet())).append('\n');
        b.append("volumes ").append(new TreeSet<>(p.volumes().keySet())).append('\n');
        for (Service s : new TreeMap<>(p.services()).values()) {
            b.append("service ").append(s.name()).append(" image=").append(s.image()).append('\n');
            TreeSet<String> mounts = new TreeSet<>();
            for (Mount m : s.mounts()) {
                mounts.add(mount(m.type().name(), m.source(), m.target()));
            }
            mounts.forEach(m -> b.append("  ").append(m).append('\n'));
            TreeMap<String, String> env = new TreeMap<>();
            for (EnvFileRef ref : s.envFiles()) {
                if (Files.isRegularFile(ref.path())) {
                    env.putAll(DotEnv.toMap(DotEnv.parse(Files.readAllBytes(ref.path()), ref.path(),
                            k -> c.osEnv().get(k), flavor, null)));
                }
            }
            for (EnvVar e : s.environment()) {
                env.put(e.key(), e.value() != null ? e.value() : c.osEnv().get(e.key()));
            }
            env.forEach((k, v) -> b.append("  env ").append(k).append('=').append(v).append('\n'));
        }
        for (Volume v : new TreeMap<>(p.volumes()).values()) {
            b.append("volume ").append(v.key()).append(" name=")
                    .append(v.explicitName() || v.external() ? v.engineName() : "-").append('\n');
        }
        return b.toString();
    }
}
