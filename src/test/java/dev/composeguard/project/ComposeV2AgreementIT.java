package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.composeguard.core.JsonCodec;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.GuardRun;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole golden corpus against each checked v2 release ({@code config --format json} of the real binary at
 * /opt/compose-ci/VERSION, skipped when absent): the loader with that release's rules must give the same project
 * name, services, images, mounts, environment and volume names, and must refuse exactly where compose refuses.
 * Cases pinned to v1 rules ({@code flavor: v1}) are left to {@link ComposeV1AgreementIT}.
 */
@Tag("it")
class ComposeV2AgreementIT {

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (GoldenCase c : GoldenCase.all()) {
            if (c.flavor() == ComposeFlavor.V1) {
                continue;
            }
            for (ComposeRelease r : List.of(ComposeRelease.V2_40, ComposeRelease.V2_26)) {
                out.add(Arguments.of(r.checked(), c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void agreesWithCompose(String version, GoldenCase c) throws Exception {
        Path bin = Composes.require(version);
        ComposeRelease release = ComposeRelease.nearest(version);
        assertEquals(composeFacts(c, bin), loaderFacts(c, release), c.name() + ": loader (" + version
                + " rules) vs compose " + version + " config --format json");
    }

    /** What compose says, in the comparison format; {@code error} when it refuses the project. */
    static String composeFacts(GoldenCase c, Path bin) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String k : System.getenv().keySet()) {
            if (k.startsWith("COMPOSE_") || k.startsWith("DOCKER_")) {
                env.put(k, null);
            }
        }
        env.putAll(c.osEnv());
        List<String> cmd = new ArrayList<>(List.of(bin.toString()));
        cmd.addAll(c.args());
        cmd.addAll(List.of("config", "--format", "json"));
        cmd.addAll(c.services());
        byte[] in = c.stdin() == null ? null : Files.readAllBytes(c.stdin());
        Cmd.Result r = Cmd.run(c.cwd(), env, cmd, in, 60);
        if (r.exitCode() != 0) {
            return "error\n";
        }
        Map<String, Object> doc = JsonCodec.MAPPER.readerFor(Map.class).readValue(r.stdout());
        StringBuilder b = new StringBuilder();
        b.append("name ").append(doc.get("name")).append('\n');
        Map<String, Object> svcs = map(doc.get("services"));
        b.append("services ").append(new TreeSet<>(svcs.keySet())).append('\n');
        for (Map.Entry<String, Object> e : new TreeMap<>(svcs).entrySet()) {
            Map<String, Object> s = map(e.getValue());
            b.append("service ").append(e.getKey()).append(" image=").append(s.get("image")).append('\n');
            TreeSet<String> mounts = new TreeSet<>();
            if (s.get("volumes") instanceof List<?> list) {
                for (Object v : list) {
                    Map<String, Object> m = map(v);
                    mounts.add(mount((String) m.get("type"), (String) m.get("source"), (String) m.get("target")));
                }
            }
            mounts.forEach(m -> b.append("  ").append(m).append('\n'));
            new TreeMap<>(map(s.get("environment"))).forEach((k, v) -> b.append("  env ").append(k).append('=')
                    .append(v == null ? null : String.valueOf(v).replace("$$", "$")).append('\n'));
        }
        for (Map.Entry<String, Object> e : new TreeMap<>(map(doc.get("volumes"))).entrySet()) {
            b.append("volume ").append(e.getKey()).append(" name=").append(map(e.getValue()).get("name")).append('\n');
        }
        return b.toString();
    }

    /** What the loader says with {@code release}'s rules: active services, and the volumes they keep. */
    static String loaderFacts(GoldenCase c, ComposeRelease release) throws IOException {
        try {
            return facts(ProjectLoader.load(c.request(release)), c.services());
        } catch (ProjectLoadException e) {
            return "error\n"; // env_file values are read here too: compose refuses a broken one while loading
        }
    }

    private static String facts(Project p, List<String> named) throws ProjectLoadException {
        StringBuilder b = new StringBuilder();
        b.append("name ").append(p.name().value()).append('\n');
        // `config SERVICE…` prints only the services named (the corpus names none with dependencies)
        List<Service> active = p.activeServices().stream()
                .filter(s -> named.isEmpty() || named.contains(s.name())).toList();
        b.append("services ").append(new TreeSet<>(active.stream().map(Service::name).toList())).append('\n');
        for (Service s : active.stream().sorted(java.util.Comparator.comparing(Service::name)).toList()) {
            b.append("service ").append(s.name()).append(" image=").append(s.image()).append('\n');
            TreeSet<String> mounts = new TreeSet<>();
            for (Mount m : s.mounts()) {
                mounts.add(mount(m.type().name(), m.source(), m.target()));
            }
            mounts.forEach(m -> b.append("  ").append(m).append('\n'));
            TreeMap<String, String> env = new TreeMap<>();
            for (EnvFileRef ref : s.envFiles()) {
                if (Files.isRegularFile(ref.path())) {
                    for (EnvVar e : EnvFileValues.read(ref, p.environment(), p.flavor())) {
                        env.put(e.key(), e.value());
                    }
                }
            }
            for (EnvVar e : s.environment()) {
                env.put(e.key(), e.value() != null ? e.value() : p.environment().get(e.key()));
            }
            env.forEach((k, v) -> b.append("  env ").append(k).append('=').append(v).append('\n'));
        }
        for (Volume v : p.volumes().values().stream()
                .filter(v -> active.stream().anyMatch(s -> s.mounts().stream()
                        .anyMatch(m -> m.isNamedVolume() && m.source().equals(v.key()))))
                .sorted(java.util.Comparator.comparing(Volume::key)).toList()) {
            b.append("volume ").append(v.key()).append(" name=").append(v.engineName()).append('\n');
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String mount(String type, String source, String target) {
        return type.toLowerCase(java.util.Locale.ROOT) + " " + (source == null || source.isEmpty() ? "-" : source)
                + " -> " + target;
    }

    /**
     * explain and the guard find compose v2 as the docker CLI finds it (the system plugin) and model its release:
     * from a subdirectory, 2.26.1 and 2.40.3 give different project names, and explain says which it modelled.
     */
    @org.junit.jupiter.api.Test
    void explainModelsTheReleaseFound(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path sub = GoldenCase.ROOT.resolve("dotenv-subdir/sub");
        Path plugin = Composes.v2();
        GuardRun viaPlugin = GuardRun.in(sub, Map.of("XDG_CACHE_HOME", tmp.toString(), "PATH", "/nonexistent"),
                List.of(plugin.getParent().toString()), "explain");
        assertEquals(0, viaPlugin.exitCode, viaPlugin.toString());
        org.junit.jupiter.api.Assertions.assertTrue(viaPlugin.out.contains("compose v2 rules (2.40.3"), viaPlugin.out);
        org.junit.jupiter.api.Assertions.assertTrue(viaPlugin.out.contains("Project:    subname "), viaPlugin.out);
        Path old = Composes.require("2.26.1");
        GuardRun viaOld = GuardRun.in(GoldenCase.ROOT.resolve("dotenv-subdir-2.26/sub"), Map.of("XDG_CACHE_HOME",
                tmp.toString(), "COMPOSE_GUARD_REAL_COMPOSE", old.toString()), "explain");
        assertEquals(0, viaOld.exitCode, viaOld.toString());
        org.junit.jupiter.api.Assertions.assertTrue(viaOld.out.contains("compose v2 rules (2.26.1"), viaOld.out);
        org.junit.jupiter.api.Assertions.assertTrue(viaOld.out.contains("Project:    parentname "), viaOld.out);
    }
}
