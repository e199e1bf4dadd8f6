package dev.composeguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.JsonCodec;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class ExplainCommandTest {
    @TempDir
    Path tmp;

    Path project() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("Shop"));
        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                    volumes:
                      - pgdata:/var/lib/postgresql/data
                      - ./init:/docker-entrypoint-initdb.d:ro
                      - /scratch
                  web:
                    build:
                      context: ./web
                      target: prod
                    profiles: [web]
                volumes:
                  pgdata:
                  shared:
                    name: "shared \\"quoted\\""
                    external: true
                """);
        Files.writeString(dir.resolve(".env"), "DB_PASSWORD=hunter2-secret\nCOMPOSE_PROJECT_NAME=shop\n");
        return dir;
    }

    Map<String, String> env() {
        return Map.of("COMPOSE_GUARD_REAL_COMPOSE", tmp.resolve("no-such-compose").toString(),
                "XDG_CACHE_HOME", tmp.resolve("cache").toString());
    }

    @Test
    void textShowsNameSourceFilesAndEngineNamesButNoValues() throws Exception {
        Path dir = project();
        GuardRun r = GuardRun.in(dir, env(), "explain");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("Project:    shop  (from COMPOSE_PROJECT_NAME in .env:2:1)"), r.out);
        assertTrue(r.out.contains("compose v2 rules (no real compose found"), r.out);
        assertTrue(r.out.contains("1. compose.yaml"), r.out);
        assertTrue(r.out.contains("/var/lib/postgresql/data  <- volume pgdata = shop_pgdata"), r.out);
        assertTrue(r.out.contains("<- bind init (read-only)"), r.out);
        assertTrue(r.out.contains("/scratch  <- anonymous volume"), r.out);
        assertTrue(r.out.contains("web  [inactive: profiles web]  build web target prod"), r.out);
        assertTrue(r.out.contains("also:     directory name = \"Shop\""), r.out);
        assertTrue(r.out.contains("shop_pgdata                          <project>_<key>"), r.out);
        assertFalse(r.out.contains("hunter2") || r.err.contains("hunter2"), "an env value was printed");
    }

    @Test
    void jsonParsesAndHasTheModel() throws Exception {
        Path dir = project();
        GuardRun r = GuardRun.in(dir, env(), "explain", "--format", "json", "--profile", "web");
        assertEquals(0, r.exitCode, r.toString());
        assertFalse(r.out.contains("hunter2"));
        assertTrue(r.out.startsWith("{\"project\":{\"name\":\"shop\""), r.out);
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(r.out);
        @SuppressWarnings("unchecked")
        Map<String, Object> proj = (Map<String, Object>) doc.get("project");
        assertEquals("ENV_FILE", proj.get("origin"));
        assertEquals(Map.of("file", dir.resolve(".env").toString(), "line", 2, "column", 1), proj.get("source"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> services = (List<Map<String, Object>>) doc.get("services");
        assertEquals(2, services.size());
        assertEquals(Boolean.TRUE, services.get(1).get("active"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) services.get(0).get("mounts");
        assertEquals("shop_pgdata", mounts.get(0).get("engineName"));
        assertEquals("anonymous", mounts.get(2).get("kind"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> volumes = (List<Map<String, Object>>) doc.get("volumes");
        assertEquals("shared \"quoted\"", volumes.get(1).get("engineName"));
        assertEquals(Boolean.TRUE, volumes.get(1).get("external"));
        assertEquals(Boolean.TRUE, volumes.get(0).get("usedByActiveService"));
        assertEquals(Boolean.FALSE, volumes.get(1).get("usedByActiveService"));
        assertEquals(List.of("web"), doc.get("profiles"));
        assertEquals(List.of(), doc.get("unsetVariables"));
        assertEquals(List.of(), doc.get("warnings"));
        @SuppressWarnings("unchecked")
        Map<String, Object> compose = (Map<String, Object>) doc.get("compose");
        assertEquals("v2", compose.get("flavor"));
    }

    /** Scripts read this format: the fields, their order and the nulls stay as they are (add fields, never move one). */
    @Test
    void jsonIsOneLineInAFixedShape() throws Exception {
        Path dir = project();
        GuardRun r = GuardRun.in(dir, env(), "explain", "--format", "json", "--profile", "web");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(1, r.out.lines().count(), r.out);
        assertTrue(r.out.endsWith("}\n"), r.out);
        assertEquals("{project{name origin source{file line column} candidates[{origin value source{file line column}"
                + " effective}]} compose{flavor version rules checked path note} workingDir files[{path role sha256}]"
                + " envFiles[{path role exists declared}] profiles[] services[{name active profiles[] image build source"
                + "{file line column} mounts[{kind type source target readOnly engineName declared{file line column}}]}]"
                + " volumes[{key engineName external pinned usedByActiveService driver source{file line column}}]"
                + " unsetVariables[] warnings[]}", shape(JsonCodec.MAPPER.readTree(r.out)));
        assertTrue(r.out.contains("\"build\":null,") && r.out.contains("\"declared\":null}"), r.out);
    }

    /** Field names in order, recursively (an array by its first element): the format without its values. */
    private static String shape(JsonNode n) {
        if (n.isObject()) {
            StringBuilder b = new StringBuilder("{");
            n.fields().forEachRemaining(e -> b.append(b.length() > 1 ? " " : "").append(e.getKey())
                    .append(shape(e.getValue())));
            return b.append('}').toString();
        }
        if (n.isArray()) {
            return "[" + (n.isEmpty() || !n.get(0).isContainerNode() ? "" : shape(n.get(0))) + "]";
        }
        return "";
    }

    @Test
    void loadErrorIsOneLineWithPlaceAndExitTwo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: a\n    image: b\n");
        GuardRun r = GuardRun.in(dir, env(), "explain");
        assertEquals(ExitCodes.USAGE, r.exitCode, r.toString());
        assertEquals("compose-guard: " + dir.resolve("compose.yaml") + ":4:5: mapping key \"image\" already defined at line 3\n",
                r.err);
        assertEquals("", r.out);
    }

    @Test
    void requiredVariableErrorNamesThePlace() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("req"));
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  db:\n    image: \"pg:${TAG:?set TAG}\"\n");
        GuardRun r = GuardRun.in(dir, env(), "explain");
        assertEquals(ExitCodes.USAGE, r.exitCode, r.toString());
        assertTrue(r.err.startsWith("compose-guard: " + dir.resolve("compose.yaml") + ":3:12: "), r.err);
        assertTrue(r.err.contains("required variable TAG is missing a value: set TAG"), r.err);
        assertEquals(1, r.err.lines().count());
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        GuardRun r = GuardRun.in(project(), env(), "explain", "--format", "xml");
        assertEquals(ExitCodes.USAGE, r.exitCode, r.toString());
    }

    @Test
    void flagsBeforeTheCommandWork() throws Exception {
        Path dir = project();
        Files.writeString(dir.resolve("other.yml"), "services:\n  x:\n    image: x\n");
        GuardRun r = GuardRun.in(tmp, env(), "-f", dir.resolve("other.yml").toString(), "-p", "other", "explain");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.out.contains("Project:    other  (from -p/--project-name)"), r.out);
    }
}
