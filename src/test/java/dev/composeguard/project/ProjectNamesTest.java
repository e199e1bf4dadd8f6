package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectNamesTest {
    static final Source ENVLINE = new Source(Path.of("/p/.env"), 3, 1);

    @ParameterizedTest(name = "{0} -> v2 {1}, v1 {2}")
    @CsvSource(delimiter = '|', nullValues = "NIL", value = {
            "myapp|myapp|myapp", "MyApp|myapp|myapp", "my app|myapp|myapp", "my.app|myapp|myapp",
            "_-app|app|_-app", "--x_y|x_y|--x_y", "App-1_2|app-1_2|app-1_2", "___||___", "Ünïcode|ncode|ncode",
            "İstanbul|istanbul|istanbul", "DIR|dir|dir", "ÄÖÜ||"})
    void normalization(String in, String v2, String v1) {
        assertEquals(v2 == null ? "" : v2, ProjectNames.normalize(in));
        assertEquals(v1 == null ? "" : v1, ProjectNames.normalizeV1(in));
    }

    @Test
    void turkishLocaleDoesNotChangeNormalization() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertEquals("title", ProjectNames.normalize("TITLE"));
            assertEquals("i", ProjectNames.normalizeV1("I"));
            assertTrue(ProjectNames.isValid("ci-app"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void precedenceFlagEnvNameDir() throws Exception {
        List<ProjectNames.NameField> names = List.of(
                new ProjectNames.NameField("first", "first", new Source(Path.of("/p/a.yml"), 1, 1)),
                new ProjectNames.NameField("${X}", "Last One", new Source(Path.of("/p/b.yml"), 2, 1)));
        ProjectName n = ProjectNames.resolve(ComposeFlavor.V2, "flag", "shell", null, Source.NONE, names, "dir");
        assertEquals("flag", n.value());
        assertEquals(NameOrigin.FLAG, n.origin());
        assertEquals(List.of(NameOrigin.FLAG, NameOrigin.SHELL_ENV, NameOrigin.NAME_FIELD, NameOrigin.NAME_FIELD,
                NameOrigin.DIRECTORY), n.candidates().stream().map(NameCandidate::origin).toList());
        n = ProjectNames.resolve(ComposeFlavor.V2, null, null, "fromfile", ENVLINE, names, "dir");
        assertEquals("fromfile", n.value());
        assertEquals(ENVLINE, n.source());
        n = ProjectNames.resolve(ComposeFlavor.V2, null, "", null, Source.NONE, names, "dir");
        assertEquals("lastone", n.value()); // empty COMPOSE_PROJECT_NAME is skipped; last name: normalized
        assertEquals(NameOrigin.NAME_FIELD, n.origin());
        assertEquals(2, n.source().line());
        n = ProjectNames.resolve(ComposeFlavor.V2, null, null, null, Source.NONE, List.of(), "My.Dir");
        assertEquals("mydir", n.value());
        assertEquals(NameOrigin.DIRECTORY, n.origin());
    }

    @Test
    void v2RejectsUnnormalizedFlagAndEnv() {
        ProjectLoadException e = assertThrows(ProjectLoadException.class,
                () -> ProjectNames.resolve(ComposeFlavor.V2, "MyApp", null, null, Source.NONE, List.of(), "d"));
        assertTrue(e.getMessage().startsWith("invalid project name \"MyApp\""));
        e = assertThrows(ProjectLoadException.class,
                () -> ProjectNames.resolve(ComposeFlavor.V2, null, null, "_x", ENVLINE, List.of(), "d"));
        assertEquals(ENVLINE, e.source());
        assertThrows(ProjectLoadException.class,
                () -> ProjectNames.resolve(ComposeFlavor.V2, null, null, null, Source.NONE, List.of(), "___"));
    }

    @Test
    void v1NormalizesSilentlyAndIgnoresNameField() throws Exception {
        ProjectName n = ProjectNames.resolve(ComposeFlavor.V1, "MyApp", null, null, Source.NONE, List.of(), "d");
        assertEquals("myapp", n.value());
        n = ProjectNames.resolve(ComposeFlavor.V1, null, null, null, Source.NONE, List.of(), "_Dir");
        assertEquals("_dir", n.value());
        n = ProjectNames.resolve(ComposeFlavor.V1, null, null, null, Source.NONE, List.of(), "");
        assertEquals("default", n.value());
    }

    @Test
    void validity() {
        assertTrue(ProjectNames.isValid("a"));
        assertTrue(ProjectNames.isValid("0-a_b"));
        assertFalse(ProjectNames.isValid(""));
        assertFalse(ProjectNames.isValid("-a"));
        assertFalse(ProjectNames.isValid("a.b"));
        assertFalse(ProjectNames.isValid("A"));
    }
}
