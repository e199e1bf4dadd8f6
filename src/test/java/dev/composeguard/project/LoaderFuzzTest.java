package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.invocation.GlobalOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing (jqwik) of the project loading: YAML, dotenv, interpolation and the whole loader on disk.
 * Inputs are the fixture corpus (src/test/resources: golden projects, lint corpus and fixtures) mutated by byte
 * flips, insertions of YAML/dotenv/interpolation syntax and hostile bytes, deletions, duplications and truncation.
 *
 * <p>Property for every input: the call returns or throws {@link ProjectLoadException} with a non-empty one-line
 * message, within {@link #LIMIT}; never another exception, an {@link Error} (stack overflow, out of memory) or a hang.
 * The numbers of cases are printed (and summed in docs/SECURITY.md).
 */
class LoaderFuzzTest {
    static final Duration LIMIT = Duration.ofSeconds(10);
    static final Path RESOURCES = Path.of("src/test/resources");
    static final AtomicInteger CASES = new AtomicInteger();
    static final AtomicInteger REFUSED = new AtomicInteger();

    static final List<byte[]> YAML = corpus(p -> p.endsWith(".yml") || p.endsWith(".yaml"));
    static final List<byte[]> DOTENV = corpus(p -> p.contains(".env") || p.endsWith(".env"));

    /** Syntax and hostile bytes spliced into the corpus. */
    static final List<String> TOKENS = List.of("&a ", "*a", "<<: *a\n", "<<: [*a, *a]\n", "!reset ", "!override ",
            "!!str ", "!!binary ", "? ", "- ", ": ", "{", "}", "[", "]", ",", "\"", "'", "|\n", ">-\n", "#", "\t",
            "\r\n", "\r", "\n  ", "\n", "\u0000", "\uFEFF", "\u2028", "\u0085", "${", "$", "$$", "${A:-", "${A?e}",
            "${A:+x}", "${A-${B:-${C}}}", "}", "export ", "=", "\\", "\\n", "\\$", "include:\n  - ", "extends: ",
            "extends:\n  file: x.yml\n  service: a\n", "env_file: ", "name: ", "volumes:\n  - ", "services:\n",
            "%YAML 1.1\n", "--- ", "...\n", "&a [*a]", "x: &a\n  b: *a\n");

    static List<byte[]> corpus(java.util.function.Predicate<String> which) {
        try (Stream<Path> walk = Files.walk(RESOURCES)) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (which.test(p.getFileName().toString())) {
                    out.add(Files.readAllBytes(p));
                }
            }
            assertFalse(out.isEmpty(), "empty fuzz corpus");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ generators

    /** One mutation applied to a byte array. */
    interface Mutation {
        byte[] apply(byte[] in);
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<Mutation> flip = Combinators.combine(at, Arbitraries.bytes()).as((p, b) -> in -> {
            if (in.length == 0) {
                return new byte[] {b};
            }
            byte[] out = in.clone();
            out[(int) (p * (in.length - 1))] = b;
            return out;
        });
        Arbitrary<Mutation> insert = Combinators.combine(at, Arbitraries.of(TOKENS), Arbitraries.integers().between(1, 4))
                .as((p, t, times) -> in -> splice(in, (int) (p * in.length), 0, t.repeat(times).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<Mutation> raw = Combinators.combine(at, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8))
                .as((p, bytes) -> in -> splice(in, (int) (p * in.length), 0, bytes));
        Arbitrary<Mutation> delete = Combinators.combine(at, Arbitraries.integers().between(1, 64))
                .as((p, n) -> in -> in.length == 0 ? in : splice(in, (int) (p * (in.length - 1)), Math.min(n, in.length - (int) (p * (in.length - 1))), new byte[0]));
        Arbitrary<Mutation> dup = Combinators.combine(at, at).as((p, q) -> in -> {
            int a = (int) (Math.min(p, q) * in.length);
            int b = (int) (Math.max(p, q) * in.length);
            byte[] slice = java.util.Arrays.copyOfRange(in, a, Math.min(b, a + 4096));
            return splice(in, b, 0, slice);
        });
        Arbitrary<Mutation> truncate = at.map(p -> in -> java.util.Arrays.copyOf(in, (int) (p * in.length)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, flip), net.jqwik.api.Tuple.of(6, insert), net.jqwik.api.Tuple.of(2, raw),
                net.jqwik.api.Tuple.of(2, delete), net.jqwik.api.Tuple.of(2, dup), net.jqwik.api.Tuple.of(1, truncate));
    }

    static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        at = Math.max(0, Math.min(at, in.length));
        remove = Math.max(0, Math.min(remove, in.length - at));
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    static Arbitrary<byte[]> mutated(List<byte[]> corpus) {
        return Combinators.combine(Arbitraries.of(corpus), mutation().list().ofMinSize(0).ofMaxSize(6))
                .as((seed, ms) -> {
                    byte[] b = seed;
                    for (Mutation m : ms) {
                        b = m.apply(b);
                    }
                    return b;
                });
    }

    @Provide
    Arbitrary<byte[]> yaml() {
        return mutated(YAML);
    }

    @Provide
    Arbitrary<byte[]> dotenv() {
        return mutated(DOTENV);
    }

    @Provide
    Arbitrary<String> template() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(TOKENS),
                Arbitraries.strings().withChars("$AB_{}:-?+ \\x0'\"").ofMaxLength(6),
                Arbitraries.strings().ofMaxLength(4));
        return piece.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    // ------------------------------------------------------------------ properties

    /** Runs one case: it returns, or throws ProjectLoadException with a one-line message; anything else fails. */
    static void clean(Thrower t) {
        CASES.incrementAndGet();
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                t.run();
            } catch (ProjectLoadException e) {
                REFUSED.incrementAndGet();
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank());
                assertFalse(e.oneLine().contains("\n"), e.oneLine());
            }
        });
    }

    interface Thrower {
        void run() throws Exception;
    }

    @Property(tries = 1500)
    void yamlParsesOrFailsCleanly(@ForAll("yaml") byte[] bytes) {
        clean(() -> Yaml.parse(bytes, Path.of("fuzz.yml"), ComposeFlavor.V2));
    }

    @Property(tries = 300)
    void yamlV1ParsesOrFailsCleanly(@ForAll("yaml") byte[] bytes) {
        clean(() -> Yaml.parse(bytes, Path.of("fuzz.yml"), ComposeFlavor.V1));
    }

    @Property(tries = 1500)
    void dotenvParsesOrFailsCleanly(@ForAll("dotenv") byte[] bytes) {
        Map<String, String> env = Map.of("A", "a", "B", "");
        clean(() -> DotEnv.parse(bytes, Path.of(".env"), env::get, ComposeFlavor.V2, new ArrayList<>()));
        clean(() -> DotEnv.parse(bytes, Path.of(".env"), env::get, ComposeFlavor.V1, null));
    }

    @Property(tries = 2000)
    void interpolationEndsCleanly(@ForAll("template") String template) {
        Map<String, String> env = Map.of("A", "a", "B", "", "C", "${A}");
        for (ComposeFlavor f : ComposeFlavor.values()) {
            CASES.incrementAndGet();
            assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    String out = new Interpolator(env::get, f, new ArrayList<>()).interpolate(template);
                    assertNotNull(out);
                    if (template.indexOf('$') < 0) {
                        assertTrue(out.equals(template));
                    }
                } catch (Interpolator.InterpolationException e) {
                    REFUSED.incrementAndGet();
                    assertFalse(new ProjectLoadException(Source.NONE, e.getMessage()).oneLine().contains("\n"));
                }
            });
        }
    }

    /** The whole loader on disk: a mutated compose file next to a mutated .env, discovered as compose does it. */
    @Property(tries = 400)
    void projectsLoadOrFailCleanly(@ForAll("yaml") byte[] compose, @ForAll("dotenv") byte[] env) throws IOException {
        Path dir = Files.createTempDirectory("cg-fuzz-");
        try {
            Files.write(dir.resolve("compose.yaml"), compose);
            Files.write(dir.resolve(".env"), env);
            Files.writeString(dir.resolve("x.yml"), "services:\n  a:\n    image: busybox\n");
            Map<String, String> os = new HashMap<>(Map.of("PATH", "/usr/bin", "A", "a"));
            clean(() -> ProjectLoader.load(LoadRequest.of(dir, os, GlobalOptions.NONE)));
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("loader fuzz: " + CASES.get() + " cases, " + REFUSED.get() + " refused cleanly");
    }
}
