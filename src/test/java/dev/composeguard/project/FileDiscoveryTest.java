package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.invocation.GlobalOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscoveryTest {
    @TempDir
    Path tmp;

    static final String SVC = "services:\n  a:\n    image: x\n";

    Project load(Path cwd, Map<String, String> env, GlobalOptions o, ComposeFlavor f) throws ProjectLoadException {
        return ProjectLoader.load(new LoadRequest(cwd, env, o, f, null, List.of()));
    }

    static GlobalOptions files(String... f) {
        return new GlobalOptions(List.of(f), null, null, List.of(), List.of(), false, false, null);
    }

    @Test
    void overrideIsOnlyLookedForNextToTheDiscoveredFile() throws Exception {
        Path sub = Files.createDirectories(tmp.resolve("proj/sub"));
        Files.writeString(tmp.resolve("proj/compose.yaml"), SVC);
        Files.writeString(sub.resolve("compose.override.yaml"), "services:\n  b:\n    image: y\n");
        Project p = load(sub, Map.of(), GlobalOptions.NONE, ComposeFlavor.V2);
        assertEquals(1, p.files().size());
        assertEquals(tmp.resolve("proj"), p.workingDir());
        assertEquals("proj", p.name().value());
    }

    @Test
    void missingFlagFileAndComposeFileEntryAreErrors() throws Exception {
        Files.writeString(tmp.resolve("a.yml"), SVC);
        ProjectLoadException e = assertThrows(ProjectLoadException.class,
                () -> load(tmp, Map.of(), files("nope.yml"), ComposeFlavor.V2));
        assertEquals(tmp.resolve("nope.yml") + ": no such file or directory (named by -f)", e.oneLine());
        e = assertThrows(ProjectLoadException.class,
                () -> load(tmp, Map.of("COMPOSE_FILE", "a.yml:nope.yml"), GlobalOptions.NONE, ComposeFlavor.V2));
        assertEquals(tmp.resolve("nope.yml") + ": no such file or directory (named by COMPOSE_FILE)", e.oneLine());
    }

    @Test
    void flagBeatsComposeFileAndSkipsOverride() throws Exception {
        Files.writeString(tmp.resolve("a.yml"), SVC);
        Files.writeString(tmp.resolve("b.yml"), "services:\n  b:\n    image: y\n");
        Files.writeString(tmp.resolve("compose.override.yml"), "services:\n  o:\n    image: o\n");
        Project p = load(tmp, Map.of("COMPOSE_FILE", "b.yml"), files("a.yml"), ComposeFlavor.V2);
        assertEquals(List.of("a"), List.copyOf(p.services().keySet()));
        assertEquals(FileRole.FLAG, p.files().get(0).role());
    }

    @Test
    void twoOverridesWarnInV2AndFailInV1() throws Exception {
        Files.writeString(tmp.resolve("docker-compose.yml"), SVC);
        Files.writeString(tmp.resolve("docker-compose.override.yml"), "services:\n  b:\n    image: y\n");
        Files.writeString(tmp.resolve("docker-compose.override.yaml"), "services:\n  c:\n    image: y\n");
        Project p = load(tmp, Map.of(), GlobalOptions.NONE, ComposeFlavor.V2);
        assertEquals(List.of("a", "b"), List.copyOf(p.services().keySet()));
        assertTrue(p.warnings().get(0).startsWith("Found multiple override files"), p.warnings().toString());
        assertThrows(ProjectLoadException.class, () -> load(tmp, Map.of(), GlobalOptions.NONE, ComposeFlavor.V1));
    }

    @Test
    void composeFileUsesItsSeparatorAndTheFirstFilesDirectory() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("deploy"));
        Files.writeString(d.resolve("a.yml"), SVC);
        Files.writeString(d.resolve("b.yml"), "services:\n  b:\n    image: y\n");
        Project p = load(tmp, Map.of("COMPOSE_FILE", "deploy/a.yml;deploy/b.yml", "COMPOSE_PATH_SEPARATOR", ";"),
                GlobalOptions.NONE, ComposeFlavor.V2);
        assertEquals(2, p.files().size());
        assertEquals(d, p.workingDir());
        assertEquals("deploy", p.name().value());
    }

    @Test
    void v2TakesTheSymlinkNameFromPwdLikeGo() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("releases/r42"));
        Files.writeString(real.resolve("compose.yaml"), SVC + "    volumes: [data:/data]\nvolumes:\n  data:\n");
        Path link = Files.createSymbolicLink(tmp.resolve("current"), real);
        Map<String, String> env = Map.of("PWD", link.toString());
        Project v2 = load(real, env, GlobalOptions.NONE, ComposeFlavor.V2);
        assertEquals("current", v2.name().value());
        assertEquals("current_data", v2.volumes().get("data").engineName());
        assertEquals("r42", load(real, env, GlobalOptions.NONE, ComposeFlavor.V1).name().value());
        // a PWD that names another directory is ignored
        assertEquals("r42", load(real, Map.of("PWD", tmp.toString()), GlobalOptions.NONE, ComposeFlavor.V2).name().value());
    }

    @Test
    void remoteFilesAreRefusedClearly() throws Exception {
        Files.writeString(tmp.resolve("compose.yaml"), "include:\n  - oci://registry/app:1\n" + SVC);
        ProjectLoadException e = assertThrows(ProjectLoadException.class,
                () -> load(tmp, Map.of(), GlobalOptions.NONE, ComposeFlavor.V2));
        assertEquals(2, e.source().line());
        assertTrue(e.getMessage().contains("not modelled"), e.getMessage());
        e = assertThrows(ProjectLoadException.class,
                () -> load(tmp, Map.of(), files("https://github.com/x/y.git#main:compose.yaml"), ComposeFlavor.V2));
        assertTrue(e.getMessage().contains("not modelled"), e.getMessage());
    }

    @Test
    void disableEnvFileMustBeABoolean() throws Exception {
        Files.writeString(tmp.resolve("compose.yaml"), SVC);
        assertThrows(ProjectLoadException.class,
                () -> load(tmp, Map.of("COMPOSE_DISABLE_ENV_FILE", "maybe"), GlobalOptions.NONE, ComposeFlavor.V2));
    }

    @Test
    void missingEnvFileFlagIsAnError() throws Exception {
        Files.writeString(tmp.resolve("compose.yaml"), SVC);
        GlobalOptions o = new GlobalOptions(List.of(), null, null, List.of("prod.env"), List.of(), false, false, null);
        ProjectLoadException e = assertThrows(ProjectLoadException.class,
                () -> load(tmp, Map.of(), o, ComposeFlavor.V2));
        assertEquals("couldn't find env file: " + tmp.resolve("prod.env"), e.getMessage());
    }

    @Test
    void composeProjectNameIsForcedIntoInterpolationInV2() throws Exception {
        Files.writeString(tmp.resolve("compose.yaml"), "services:\n  a:\n    image: \"x:${COMPOSE_PROJECT_NAME}\"\n");
        Files.writeString(tmp.resolve(".env"), "COMPOSE_PROJECT_NAME=fromenv\n");
        GlobalOptions o = new GlobalOptions(List.of(), "flag", null, List.of(), List.of(), false, false, null);
        assertEquals("x:flag", load(tmp, Map.of(), o, ComposeFlavor.V2).services().get("a").image());
    }

    @Test
    void turkishLocaleChangesNothing() throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            for (String name : List.of("volumes-long", "volumes-short", "My_App.Dir", "interp-v2")) {
                GoldenCase c = GoldenCase.read(GoldenCase.ROOT.resolve(name));
                assertEquals(Files.readString(c.dir().resolve("expected.txt")), c.summarize(c.flavor()), name);
            }
        } finally {
            Locale.setDefault(saved);
        }
    }
}
