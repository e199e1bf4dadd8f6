package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {
    static final Path F = Path.of("/p/.env");

    static Map<String, String> parse(String s, Map<String, String> os) throws ProjectLoadException {
        return DotEnv.toMap(DotEnv.parse(s.getBytes(StandardCharsets.UTF_8), F, os::get, ComposeFlavor.V2, null));
    }

    static Map<String, String> parse(String s) throws ProjectLoadException {
        return parse(s, Map.of());
    }

    @Test
    void basicsBomExportColonAndComments() throws Exception {
        Map<String, String> m = parse("\uFEFF# comment\n\n  A=1\nexport B=2\nC: 3\n  # indented comment\nD = 4 \n"
                + "E=\nexport_F=6\n");
        assertEquals(Map.of("A", "1", "B", "2", "C", "3", "D", "4", "E", "", "export_F", "6"), m);
    }

    @Test
    void inlineCommentsNeedASpace() throws Exception {
        Map<String, String> m = parse("A=val # c\nB=val# c\nC=a #b #c\nD=\"q\" # c\nE='x' #c\n");
        assertEquals("val", m.get("A"));
        assertEquals("val# c", m.get("B"));
        assertEquals("a", m.get("C"));
        assertEquals("q", m.get("D"));
        assertEquals("x", m.get("E"));
    }

    @Test
    void quotes() throws Exception {
        Map<String, String> m = parse("S='a $B \\n \\' c'\nD=\"a\\tb\\n\\\"q\\\" \\\\ \\$B $B\"\nM=\"line1\nline2\"\n"
                + "N='multi\nline'\nB=bee\n", Map.of("B", "b"));
        assertEquals("a $B \\n ' c", m.get("S"));
        assertEquals("a\tb\n\"q\" \\ $B b", m.get("D"));
        assertEquals("line1\nline2", m.get("M"));
        assertEquals("multi\nline", m.get("N"));
    }

    @Test
    void interpolationLooksUpOsEnvFirstThenEarlierLines() throws Exception {
        Map<String, String> m = parse("A=file\nB=${A}-x\nC=${OS}\nD=${NOPE:-dflt}\nE=$$literal\n", Map.of("A", "os", "OS", "o"));
        assertEquals("os-x", m.get("B"));
        assertEquals("o", m.get("C"));
        assertEquals("dflt", m.get("D"));
        assertEquals("$literal", m.get("E"));
        Map<String, String> n = parse("A=file\nB=${A}-x\n");
        assertEquals("file-x", n.get("B"));
    }

    @Test
    void bareKeyInherits() throws Exception {
        Map<String, String> m = parse("HOME\nMISSING\nX=1\n", Map.of("HOME", "/h"));
        assertEquals(Map.of("HOME", "/h", "X", "1"), m);
    }

    @Test
    void errorsCarryFileAndLine() {
        ProjectLoadException e = assertThrows(ProjectLoadException.class, () -> parse("A=1\nB C=2\n"));
        assertEquals("/p/.env:2:1: key cannot contain a space", e.oneLine());
        e = assertThrows(ProjectLoadException.class, () -> parse("A=1\n\nB\"=2\n"));
        assertEquals(3, e.source().line());
        e = assertThrows(ProjectLoadException.class, () -> parse("A=1\nB=\"open\nC=2\n"));
        assertEquals("/p/.env:2:1: unterminated quoted value (the value is not shown: it may be a secret)", e.oneLine());
        e = assertThrows(ProjectLoadException.class, () -> parse("A=${B:?need B}\n"));
        assertEquals("/p/.env:1:1: required variable B is missing a value: need B", e.oneLine());
    }

    @Test
    void sourcesPointAtTheKey() throws Exception {
        List<DotEnv.Entry> es = DotEnv.parse("A=1\nM=\"x\ny\"\n\n  export B=2\n".getBytes(StandardCharsets.UTF_8), F,
                k -> null, ComposeFlavor.V2, null);
        assertEquals(new Source(F, 1, 1), es.get(0).source());
        assertEquals(new Source(F, 2, 1), es.get(1).source());
        assertEquals(new Source(F, 5, 3), es.get(2).source());
    }

    @Test
    void unsetVariablesAreReported() throws Exception {
        List<String> unset = new ArrayList<>();
        DotEnv.parse("A=$NOPE\n".getBytes(StandardCharsets.UTF_8), F, k -> null, ComposeFlavor.V2, unset);
        assertEquals(List.of("NOPE"), unset);
    }

    @Test
    void entriesNeverPrintValues() throws Exception {
        List<DotEnv.Entry> es = DotEnv.parse("SECRET=hunter2\n".getBytes(StandardCharsets.UTF_8), F, k -> null,
                ComposeFlavor.V2, null);
        assertEquals(-1, es.toString().indexOf("hunter2"));
    }
}
