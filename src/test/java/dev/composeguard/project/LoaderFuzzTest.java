package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.invocation.GlobalOptions;
import dev.composeguard.testsupport.Fuzz;
import dev.composeguard.testsupport.Fuzz.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing ({@link Fuzz}) of the project loading: YAML, dotenv, interpolation and the whole loader on disk.
 * Inputs are the fixture corpus (src/test/resources: golden projects, lint corpus and fixtures) mutated by byte
 * flips, insertions of YAML/dotenv/interpolation syntax and hostile bytes, deletions, duplications, splices from
 * another corpus file and truncation. Each test has a fixed seed (the same inputs every run; {@code -Dcg.fuzz.seed}
 * overrides it); a failure names the seed and the case index.
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

    static final List<Named> YAML = corpus(p -> p.endsWith(".yml") || p.endsWith(".yaml"));
    static final List<Named> DOTENV = corpus(p -> p.contains(".env") || p.endsWith(".env"));

    /** Syntax and hostile bytes spliced into the corpus. */
    static final List<String> TOKENS = List.of("&a ", "*a", "<<: *a\n", "<<: [*a, *a]\n", "!reset ", "!override ",
            "!!str ", "!!binary ", "? ", "- ", ": ", "{", "}", "[", "]", ",", "\"", "'", "|\n", ">-\n", "#", "\t",
            "\r\n", "\r", "\n  ", "\n", "\u0000", "\uFEFF", "\u2028", "\u0085", "${", "$", "$$", "${A:-", "${A?e}",
            "${A:+x}", "${A-${B:-${C}}}", "}", "export ", "=", "\\", "\\n", "\\$", "include:\n  - ", "extends: ",
            "extends:\n  file: x.yml\n  service: a\n", "env_file: ", "name: ", "volumes:\n  - ", "services:\n",
            "%YAML 1.1\n", "--- ", "...\n", "&a [*a]", "x: &a\n  b: *a\n");

    static List<Named> corpus(Predicate<String> which) {
        try (Stream<Path> walk = Files.walk(RESOURCES)) {
            List<Named> out = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (which.test(p.getFileName().toString())) {
                    out.add(new Named(RESOURCES.relativize(p).toString(), Files.readAllBytes(p)));
                }
            }
            assertFalse(out.isEmpty(), "empty fuzz corpus");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ generators

    static byte[] yaml(Fuzz f) {
        return f.mutated(YAML, TOKENS, 6);
    }

    static byte[] dotenv(Fuzz f) {
        return f.mutated(DOTENV, TOKENS, 6);
    }

    /** Up to 40 pieces: syntax tokens, short strings of interpolation characters, short strings of any chars. */
    static String template(Fuzz f) {
        String t = String.join("", f.list(40, () -> switch (f.between(0, 2)) {
            case 0 -> f.pick(TOKENS);
            case 1 -> f.string("$AB_{}:-?+ \\x0'\"", 0, 6);
            default -> f.string(4);
        }));
        f.note(Fuzz.quote(t));
        return t;
    }

    // ------------------------------------------------------------------ properties

    /**
     * Runs the calls of one input (one per flavor, or one): each returns, or throws ProjectLoadException with a
     * one-line message; anything else fails. One preemptive timeout bounds them together (a thread per input, not per
     * call: that thread is most of a case's cost); each call counts as a case.
     */
    static void clean(Thrower... calls) {
        CASES.addAndGet(calls.length);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < calls.length; i++) {
                try {
                    calls[i].run();
                } catch (ProjectLoadException e) {
                    REFUSED.incrementAndGet();
                    String call = "call " + i + ": ";
                    assertNotNull(e.getMessage(), call);
                    assertFalse(e.getMessage().isBlank(), call);
                    assertFalse(e.oneLine().contains("\n"), call + e.oneLine());
                }
            }
        });
    }

    interface Thrower {
        void run() throws Exception;
    }

    @Test
    void yamlParsesOrFailsCleanly() {
        Fuzz.cases("yamlParsesOrFailsCleanly", 0x5EED_0001L, 1500, f -> {
            byte[] bytes = yaml(f);
            clean(() -> Yaml.parse(bytes, Path.of("fuzz.yml"), ComposeFlavor.V2));
        });
    }

    @Test
    void yamlV1ParsesOrFailsCleanly() {
        Fuzz.cases("yamlV1ParsesOrFailsCleanly", 0x5EED_0002L, 300, f -> {
            byte[] bytes = yaml(f);
            clean(() -> Yaml.parse(bytes, Path.of("fuzz.yml"), ComposeFlavor.V1));
        });
    }

    @Test
    void dotenvParsesOrFailsCleanly() {
        Map<String, String> env = Map.of("A", "a", "B", "");
        Fuzz.cases("dotenvParsesOrFailsCleanly", 0x5EED_0003L, 1500, f -> {
            byte[] bytes = dotenv(f);
            clean(() -> DotEnv.parse(bytes, Path.of(".env"), env::get, ComposeFlavor.V2, new ArrayList<>()),
                    () -> DotEnv.parse(bytes, Path.of(".env"), env::get, ComposeFlavor.V1, null));
        });
    }

    @Test
    void interpolationEndsCleanly() {
        Map<String, String> env = Map.of("A", "a", "B", "", "C", "${A}");
        Fuzz.cases("interpolationEndsCleanly", 0x5EED_0004L, 2000, f -> {
            String template = template(f);
            CASES.addAndGet(ComposeFlavor.values().length);
            assertTimeoutPreemptively(LIMIT, () -> {
                for (ComposeFlavor flavor : ComposeFlavor.values()) {
                    try {
                        String out = new Interpolator(env::get, flavor, new ArrayList<>()).interpolate(template);
                        assertNotNull(out, flavor.toString());
                        if (template.indexOf('$') < 0) {
                            assertTrue(out.equals(template), flavor.toString());
                        }
                    } catch (Interpolator.InterpolationException e) {
                        REFUSED.incrementAndGet();
                        assertFalse(new ProjectLoadException(Source.NONE, e.getMessage()).oneLine().contains("\n"),
                                flavor.toString());
                    }
                }
            });
        });
    }

    /** The whole loader on disk: a mutated compose file next to a mutated .env, discovered as compose does it. */
    @Test
    void projectsLoadOrFailCleanly() {
        Fuzz.cases("projectsLoadOrFailCleanly", 0x5EED_0005L, 400, f -> {
            byte[] compose = yaml(f);
            f.note("|");
            byte[] env = dotenv(f);
            Path dir = Files.createTempDirectory("cg-fuzz-");
            try {
                Files.write(dir.resolve("compose.yaml"), compose);
                Files.write(dir.resolve(".env"), env);
                Files.writeString(dir.resolve("x.yml"), "services:\n  a:\n    image: busybox\n");
                Map<String, String> os = new HashMap<>(Map.of("PATH", "/usr/bin", "A", "a"));
                clean(() -> ProjectLoader.load(LoadRequest.of(dir, os, GlobalOptions.NONE)));
            } finally {
                try (Stream<Path> w = Files.walk(dir)) {
                    for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        });
    }

    @AfterAll
    static void report() {
        System.out.println("loader fuzz: " + CASES.get() + " cases, " + REFUSED.get() + " refused cleanly (corpus: "
                + YAML.size() + " compose files, " + DOTENV.size() + " env files)");
    }
}
