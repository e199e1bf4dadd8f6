package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.ValidationMessage;
import dev.composeguard.project.SchemaPrecheck.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The quick schema check may only answer what the general validator answers: "valid" only where it reports nothing,
 * "invalid" only where it reports something. Checked over every compose file of the test corpora (real-world
 * projects, golden cases, lint fixtures), as written and under thousands of seeded mutations (a value of another
 * type, an unknown key, a removed key, a repeated list item), for each release that has a schema.
 */
class SchemaPrecheckTest {
    private static final List<ComposeRelease> RELEASES = List.of(ComposeRelease.V2_26, ComposeRelease.V2_40);

    @Test
    void everyCorpusFileThatIsValidIsProvedValidQuickly() throws IOException {
        int files = 0;
        for (YMap doc : corpus()) {
            for (ComposeRelease release : RELEASES) {
                List<ValidationMessage> general = ComposeSchema.allMessages(doc, release);
                Verdict quick = SchemaPrecheck.of(release.schemaResource()).check(doc);
                if (general.isEmpty()) {
                    // the fast path must be the common one, not only safe
                    assertEquals(Verdict.VALID, quick, "a valid document not proved valid: " + doc.source);
                } else {
                    assertTrue(quick != Verdict.VALID, "proved valid, but the validator says " + general + ": "
                            + doc.source);
                }
                files++;
            }
        }
        assertTrue(files > 300, "corpus too small: " + files);
    }

    @Test
    void mutatedDocumentsGetTheValidatorsAnswerOrUnsure() throws IOException {
        Random random = new Random(20261130);
        int valid = 0;
        int invalid = 0;
        for (YMap original : corpus()) {
            for (int i = 0; i < 12; i++) {
                YMap doc = original.copy();
                List<YNode> nodes = new ArrayList<>();
                collect(doc, nodes);
                mutate(nodes.get(random.nextInt(nodes.size())), random);
                for (ComposeRelease release : RELEASES) {
                    boolean refused = !ComposeSchema.allMessages(doc, release).isEmpty();
                    Verdict quick = SchemaPrecheck.of(release.schemaResource()).check(doc);
                    if (quick == Verdict.VALID && refused || quick == Verdict.INVALID && !refused) {
                        fail("quick check said " + quick + ", the validator " + (refused ? "refused" : "accepted")
                                + " a mutation of " + original.source);
                    }
                    valid += quick == Verdict.VALID ? 1 : 0;
                    invalid += quick == Verdict.INVALID ? 1 : 0;
                }
            }
        }
        // both answers must actually be exercised
        assertTrue(valid > 500 && invalid > 500, "valid " + valid + ", invalid " + invalid);
    }

    /** One change at a node: another type in its place, or, in a mapping or list, a key or item added or removed. */
    private static void mutate(YNode n, Random random) {
        if (n instanceof YMap m && random.nextBoolean()) {
            if (!m.entries.isEmpty() && random.nextBoolean()) {
                List<String> keys = new ArrayList<>(m.entries.keySet());
                m.remove(keys.get(random.nextInt(keys.size())));
            } else {
                m.put(random.nextBoolean() ? "x-extra" : "unknown_key", scalar(random), Source.NONE);
            }
            return;
        }
        if (n instanceof YSeq s && !s.items.isEmpty() && random.nextBoolean()) {
            s.items.add(s.items.get(random.nextInt(s.items.size())).copy()); // a repeated item (uniqueItems)
            return;
        }
        YNode parentless = switch (random.nextInt(4)) {
            case 0 -> new YMap(Source.NONE);
            case 1 -> new YSeq(Source.NONE);
            default -> scalar(random);
        };
        replace(n, parentless);
    }

    private static YScalar scalar(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new YScalar("1", YScalar.Kind.INT, Source.NONE);
            case 1 -> new YScalar("-5", YScalar.Kind.INT, Source.NONE);
            case 2 -> new YScalar("true", YScalar.Kind.BOOL, Source.NONE);
            case 3 -> new YScalar("", YScalar.Kind.NULL, Source.NONE);
            case 4 -> new YScalar("2.5", YScalar.Kind.FLOAT, Source.NONE);
            default -> YScalar.str("always", Source.NONE);
        };
    }

    /** Puts {@code with} where {@code n} is, by finding n's parent again (the tree has no parent links). */
    private static void replace(YNode n, YNode with) {
        parents.stream().filter(p -> p.child == n).findFirst().ifPresent(p -> {
            if (p.parent instanceof YMap m) {
                m.entries.put(p.key, with);
            } else if (p.parent instanceof YSeq s) {
                s.items.set(p.index, with);
            }
        });
    }

    private record Link(YNode parent, String key, int index, YNode child) {
    }

    private static final List<Link> parents = new ArrayList<>();

    private static void collect(YNode n, List<YNode> out) {
        if (out.isEmpty()) {
            parents.clear();
        }
        out.add(n);
        if (n instanceof YMap m) {
            m.entries.forEach((k, v) -> {
                parents.add(new Link(m, k, -1, v));
                collect(v, out);
            });
        } else if (n instanceof YSeq s) {
            for (int i = 0; i < s.items.size(); i++) {
                parents.add(new Link(s, null, i, s.items.get(i)));
                collect(s.items.get(i), out);
            }
        }
    }

    /** Every YAML document of the compose files under the test resources that parses. */
    private static List<YMap> corpus() throws IOException {
        List<YMap> docs = new ArrayList<>();
        for (String dir : List.of("lint-realworld", "projects", "lint-fixtures", "lint-corpus")) {
            Path root = Path.of("src/test/resources", dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(SchemaPrecheckTest::composeFile).sorted().toList()) {
                    try {
                        docs.addAll(Yaml.parse(Files.readAllBytes(f), f, ComposeFlavor.V2));
                    } catch (ProjectLoadException e) {
                        // a fixture of a YAML error: nothing for the schema
                    }
                }
            }
        }
        return docs;
    }

    private static boolean composeFile(Path f) {
        String n = f.getFileName().toString();
        return (n.endsWith(".yml") || n.endsWith(".yaml")) && !n.startsWith(".compose-guard");
    }
}
