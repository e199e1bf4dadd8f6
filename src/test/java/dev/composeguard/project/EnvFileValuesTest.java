package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one env-file reader: dotenv and raw format, and the guard's fail-closed "does it assign this key". */
class EnvFileValuesTest {
    @TempDir
    Path dir;

    private Map<String, String> read(String text, String format, Map<String, String> env) throws Exception {
        Path f = Files.writeString(dir.resolve("svc.env"), text);
        Map<String, String> out = new LinkedHashMap<>();
        for (EnvVar v : EnvFileValues.read(new EnvFileRef("svc.env", f, true, format, Source.of(f)),
                new Environment(env, Map.of()), ComposeFlavor.V2)) {
            out.put(v.key(), v.value());
        }
        return out;
    }

    @Test
    void dotenvInterpolatesAgainstTheProjectEnvironment() throws Exception {
        assertEquals(Map.of("A", "x-1", "B", "'q'"), read("A=x-${N}\nB=\"'q'\"\n", null, Map.of("N", "1")));
    }

    @Test
    void rawKeepsValuesVerbatimAndBareKeysInheritOnlyWhenSet() throws Exception {
        Map<String, String> m = read("  # c\nA=x-${N} # not a comment\nB\nC\n=orphan\n", "raw", Map.of("B", "inherited"));
        assertEquals(List.of("A", "B"), List.copyOf(m.keySet()));
        assertEquals("x-${N} # not a comment", m.get("A"));
        assertEquals("inherited", m.get("B"));
    }

    @Test
    void assignsSeesAssignmentsNotCommentsAndFailsClosed() throws Exception {
        Path env = dir.resolve(".env");
        assertFalse(EnvFileValues.assigns(env, "COMPOSE_PROJECT_NAME", Map.of(), ComposeFlavor.V2), "missing file");
        Files.writeString(env, "# COMPOSE_PROJECT_NAME=old\nOTHER=1\nCOMPOSE_PROJECT_NAME\n");
        assertFalse(EnvFileValues.assigns(env, "COMPOSE_PROJECT_NAME", Map.of(), ComposeFlavor.V2),
                "a comment and a bare unset key assign nothing");
        assertTrue(EnvFileValues.assigns(env, "COMPOSE_PROJECT_NAME", Map.of("COMPOSE_PROJECT_NAME", "shop"),
                ComposeFlavor.V2), "a bare key inherits from the environment");
        Files.writeString(env, "export COMPOSE_PROJECT_NAME=shop\n");
        assertTrue(EnvFileValues.assigns(env, "COMPOSE_PROJECT_NAME", Map.of(), ComposeFlavor.V2));
        Files.writeString(env, "A=\"unterminated\nCOMPOSE_PROJECT_NAME=shop\n");
        assertTrue(EnvFileValues.assigns(env, "COMPOSE_PROJECT_NAME", Map.of(), ComposeFlavor.V2),
                "a file compose cannot parse cannot be ruled out");
    }
}
