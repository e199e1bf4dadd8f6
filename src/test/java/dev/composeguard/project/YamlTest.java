package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlTest {
    static final Path F = Path.of("/p/compose.yaml");

    static YMap parse(String s) throws ProjectLoadException {
        List<YMap> docs = Yaml.parse(s.getBytes(StandardCharsets.UTF_8), F, ComposeFlavor.V2);
        return docs.get(0);
    }

    /** go-yaml v3 resolution of plain scalars (compose-semantics.md §11). */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "true|BOOL|true", "True|BOOL|true", "TRUE|BOOL|true", "false|BOOL|false",
            "yes|STR|yes", "no|STR|no", "on|STR|on", "off|STR|off", "y|STR|y", "n|STR|n",
            "~|NULL|", "null|NULL|", "Null|NULL|", "NULL|NULL|",
            "0755|INT|493", "0o755|INT|493", "0x1F|INT|31", "0b101|INT|5", "1_000|INT|1000", "-12|INT|-12",
            "+7|INT|7", "0|INT|0", "08|FLOAT|08", "1.5|FLOAT|1.5", "1e3|FLOAT|1e3", ".inf|FLOAT|.inf",
            "-.Inf|FLOAT|-.Inf", ".nan|FLOAT|.nan", "22:22|STR|22:22", "1:30:00|STR|1:30:00",
            "0xZZ|STR|0xZZ", "12abc|STR|12abc", "abc|STR|abc", "2001-12-14|STR|2001-12-14",
            "9223372036854775807|INT|9223372036854775807", "18446744073709551615|INT|18446744073709551615",
            "18446744073709551616|FLOAT|18446744073709551616"})
    void resolvesLikeGoYaml(String in, YScalar.Kind kind, String value) throws Exception {
        YScalar s = (YScalar) parse("k: " + in + "\n").get("k");
        assertEquals(kind, s.kind, in);
        assertEquals(value == null ? null : value, s.value());
    }

    @Test
    void quotedScalarsAreStrings() throws Exception {
        YMap m = parse("a: \"0755\"\nb: 'true'\nc: !!str 12\n");
        assertEquals(YScalar.Kind.STR, ((YScalar) m.get("a")).kind);
        assertEquals("0755", m.string("a"));
        assertEquals(YScalar.Kind.STR, ((YScalar) m.get("b")).kind);
        assertEquals(YScalar.Kind.STR, ((YScalar) m.get("c")).kind);
    }

    @Test
    void duplicateKeyIsAnErrorWithBothLines() {
        ProjectLoadException e = assertThrows(ProjectLoadException.class,
                () -> parse("services:\n  web:\n    image: a\n  web:\n    image: b\n"));
        assertEquals("/p/compose.yaml:4:3: mapping key \"web\" already defined at line 2", e.oneLine());
    }

    @Test
    void v1KeepsTheLastDuplicate() throws Exception {
        List<YMap> docs = Yaml.parse("a: 1\na: 2\n".getBytes(StandardCharsets.UTF_8), F, ComposeFlavor.V1);
        assertEquals("2", docs.get(0).string("a"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1: x|non-string key at top level: 1", "true: x|non-string key at top level: true",
            "~: x|non-string key at top level: ~"})
    void nonStringKeysAreErrors(String doc, String msg) {
        ProjectLoadException e = assertThrows(ProjectLoadException.class, () -> parse(doc + "\n"));
        assertEquals(msg, e.getMessage());
        assertEquals(1, e.source().line());
    }

    @Test
    void nestedNonStringKeyNamesThePath() {
        ProjectLoadException e = assertThrows(ProjectLoadException.class,
                () -> parse("services:\n  web:\n    ports:\n      8080: 80\n"));
        assertEquals("/p/compose.yaml:4:7: non-string key in services.web.ports: 8080", e.oneLine());
    }

    @Test
    void brokenYamlHasFileLineColumn() {
        ProjectLoadException e = assertThrows(ProjectLoadException.class,
                () -> parse("services:\n  web:\n    image: [a\n"));
        assertTrue(e.source().line() >= 3, e.oneLine());
        assertTrue(e.oneLine().startsWith("/p/compose.yaml:"), e.oneLine());
        assertTrue(e.getMessage().indexOf('\n') < 0);
    }

    @Test
    void mergeKeysAndAnchorsExplicitKeysWin() throws Exception {
        YMap m = parse("x-base: &base\n  image: a\n  restart: always\nx-more: &more\n  image: b\n  tty: true\n"
                + "services:\n  web:\n    <<: [*base, *more]\n    restart: never\n");
        YMap web = m.map("services").map("web");
        assertEquals("a", web.string("image")); // first merged map wins
        assertEquals("never", web.string("restart"));
        assertEquals("true", web.string("tty"));
    }

    @Test
    void resetAndOverrideTagsAreKept() throws Exception {
        YMap m = parse("services:\n  web:\n    ports: !reset []\n    volumes: !override\n      - /x\n");
        assertEquals(YNode.Tag.RESET, m.map("services").map("web").get("ports").tag);
        assertEquals(YNode.Tag.OVERRIDE, m.map("services").map("web").get("volumes").tag);
    }

    @Test
    void billionLaughsIsRejected() {
        StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                b.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            b.append("]\n");
            prev = c;
        }
        ProjectLoadException e = assertThrows(ProjectLoadException.class, () -> parse(b.toString()));
        assertTrue(e.getMessage().contains("excessive aliasing"), e.getMessage());
    }

    @Test
    void manyMergeKeysOfASmallAnchorAreFine() throws Exception {
        StringBuilder b = new StringBuilder("x-env: &env\n  A: 1\n  B: 2\nservices:\n");
        for (int i = 0; i < 200; i++) {
            b.append("  s").append(i).append(":\n    image: x\n    environment:\n      <<: *env\n");
        }
        assertEquals(200, parse(b.toString()).map("services").entries.size());
    }

    @Test
    void recursiveAliasIsRejected() {
        assertThrows(ProjectLoadException.class, () -> parse("a: &a\n  b: *a\n"));
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "a: " + "[".repeat(400) + "]".repeat(400) + "\n";
        assertThrows(ProjectLoadException.class, () -> parse(deep));
    }

    @Test
    void multipleDocumentsAndEmptyOnes() throws Exception {
        List<YMap> docs = Yaml.parse("a: 1\n---\n---\nb: 2\n".getBytes(StandardCharsets.UTF_8), F, ComposeFlavor.V2);
        assertEquals(2, docs.size());
    }

    @Test
    void sourcesAreOneBased() throws Exception {
        YMap m = parse("services:\n  web:\n    image: nginx\n");
        YNode img = m.map("services").map("web").get("image");
        assertInstanceOf(YScalar.class, img);
        assertEquals(new Source(F, 3, 12), img.source);
        assertEquals(new Source(F, 2, 3), m.map("services").keySource("web"));
    }
}
