package dev.composeguard.rules.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.rules.run.Linter;
import dev.composeguard.rules.run.Rules;
import dev.composeguard.rules.Environments;
import dev.composeguard.rules.Severity;
import dev.composeguard.rules.Finding;
import dev.composeguard.project.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Structural checks of the formats (JSON is YAML 1.2, so snakeyaml-engine parses it). */
class ReportTest {
    private static final Path CWD = Path.of("/work/proj");

    private static Linter.Result result() {
        return new Linter.Result(List.of(
                new Finding("CG101", "env-file-hardcoded", Severity.ERROR, new Source(CWD.resolve("infra/docker-compose.yml"), 6, 16),
                        "service api has env_file \"../envs/.env\", a:b,c 100%", "fix it\nnow"),
                new Finding("CG111", "volume-name-unpinned", Severity.WARNING, new Source(CWD.resolve("infra/docker-compose.yml"), 17, 3),
                        "volume mongo_data", "add name:"),
                new Finding("CG102", "project-name-mismatch", Severity.INFO, Source.NONE, "names", "pin")),
                1, List.of(), new Environments.Selection("production", "--env-file envs/.env.prod"));
    }

    private static Object parse(String json) {
        return new Load(LoadSettings.builder().build()).loadFromString(json);
    }

    private final Report report = new Report(CWD, "shop", null, "test");

    @Test
    @SuppressWarnings("unchecked")
    void jsonFollowsTheSchema() {
        Map<String, Object> root = (Map<String, Object>) parse(report.json(result()));
        List<Map<String, Object>> findings = (List<Map<String, Object>>) root.get("findings");
        assertEquals(3, findings.size());
        Map<String, Object> f = findings.get(0);
        assertEquals("CG101", f.get("rule"));
        assertEquals("error", f.get("severity"));
        assertEquals("infra/docker-compose.yml", f.get("file"));
        assertEquals(6, f.get("line"));
        assertEquals(16, f.get("column"));
        assertEquals("service api has env_file \"../envs/.env\", a:b,c 100%", f.get("message"));
        assertEquals("fix it\nnow", f.get("hint"));
        assertEquals(null, findings.get(2).get("file"));
        Map<String, Object> summary = (Map<String, Object>) root.get("summary");
        assertEquals(1, summary.get("errors"));
        assertEquals(1, summary.get("warnings"));
        assertEquals(1, summary.get("suppressed"));
        assertEquals("production", summary.get("environment"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifHasRulesWithTheirPagesAndResults() {
        Map<String, Object> root = (Map<String, Object>) parse(report.sarif(result()));
        assertEquals("2.1.0", root.get("version"));
        Map<String, Object> run = ((List<Map<String, Object>>) root.get("runs")).get(0);
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.get("rules");
        assertEquals(Rules.all().size(), rules.size());
        assertTrue(!driver.containsKey("informationUri"), "no link without COMPOSE_GUARD_DOCS_URL");
        for (Map<String, Object> r : rules) {
            assertTrue(!r.containsKey("helpUri"), "no link without COMPOSE_GUARD_DOCS_URL: " + r);
            Map<String, Object> help = (Map<String, Object>) r.get("help");
            assertTrue(((String) help.get("markdown")).startsWith("# " + r.get("id")), "the rule's page: " + help);
            assertTrue(((String) help.get("text")).contains((String) r.get("id")));
            assertTrue(r.containsKey("shortDescription") && r.containsKey("defaultConfiguration"));
        }
        List<Map<String, Object>> results = (List<Map<String, Object>>) run.get("results");
        assertEquals(3, results.size());
        Map<String, Object> first = results.get(0);
        assertEquals("CG101", first.get("ruleId"));
        assertEquals("CG101", rules.get((Integer) first.get("ruleIndex")).get("id"));
        assertEquals("error", first.get("level"));
        Map<String, Object> loc = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) first.get("locations")).get(0))
                .get("physicalLocation");
        assertEquals("infra/docker-compose.yml", ((Map<String, Object>) loc.get("artifactLocation")).get("uri"));
        assertEquals(6, ((Map<String, Object>) loc.get("region")).get("startLine"));
        assertEquals("note", results.get(2).get("level"));
        assertFalse(results.get(2).containsKey("locations"));
    }

    @Test
    void githubWorkflowCommandsAreEscaped() {
        String[] lines = report.github(result()).split("\n");
        assertEquals(3, lines.length);
        assertEquals("::error file=infra/docker-compose.yml,line=6,col=16,title=CG101 env-file-hardcoded::service api has"
                + " env_file \"../envs/.env\", a:b,c 100%25%0Ahint: fix it%0Anow", lines[0]);
        assertTrue(lines[1].startsWith("::warning file=infra/docker-compose.yml,line=17,col=3,title=CG111 "));
        assertTrue(lines[2].startsWith("::notice title=CG102 project-name-mismatch::names"));
    }

    @Test
    void textIsFileLineColSeverityCodeAndHint_colourOnlyWhenAsked() {
        String plain = report.text(result(), false);
        assertTrue(plain.startsWith("infra/docker-compose.yml:6:16: error [CG101] service api"), plain);
        assertTrue(plain.contains("\n    hint: fix it"), plain);
        assertTrue(plain.contains("(project shop): info [CG102] names"), plain);
        assertTrue(plain.contains("1 error, 1 warning, 1 info (1 suppressed); environment: production"), plain);
        assertFalse(plain.contains("\u001b["));
        assertTrue(report.text(result(), true).contains("\u001b[31m"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void sarifLinksTheRulePagesOnlyWhereTheDocsAreSaidToLive() {
        Report linked = new Report(CWD, "shop", "https://docs.example.test/compose-guard/rules", "test");
        Map<String, Object> root = (Map<String, Object>) parse(linked.sarif(result()));
        Map<String, Object> run = ((List<Map<String, Object>>) root.get("runs")).get(0);
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        assertEquals("https://docs.example.test/compose-guard/LINT.md", driver.get("informationUri"));
        for (Map<String, Object> r : (List<Map<String, Object>>) driver.get("rules")) {
            assertEquals("https://docs.example.test/compose-guard/rules/" + r.get("id") + ".md", r.get("helpUri"));
        }
    }

    /** The engine rules are rules like the others: listed in the driver with their page, their findings indexed. */
    @Test
    @SuppressWarnings("unchecked")
    void sarifListsTheEngineRulesWithTheirHelp() {
        Finding orphan = new Finding("CG201", "orphaned-data", Severity.ERROR, new Source(CWD.resolve(".env.prod"), 1, 1),
                "up would create volume shop-prod_db EMPTY", "keep the old project name: -p shop");
        Map<String, Object> root = (Map<String, Object>) parse(report.sarif(
                new Linter.Result(List.of(orphan), 0, List.of(), null)));
        Map<String, Object> run = ((List<Map<String, Object>>) root.get("runs")).get(0);
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) driver.get("rules");
        for (String code : List.of("CG201", "CG202", "CG203", "CG204", "CG205", "CG206", "CG207", "CG208")) {
            Map<String, Object> r = rules.stream().filter(x -> code.equals(x.get("id"))).findFirst().orElseThrow();
            Map<String, Object> help = (Map<String, Object>) r.get("help");
            assertTrue(((String) help.get("markdown")).startsWith("# " + code + " " + r.get("name")), help.toString());
        }
        Map<String, Object> result = ((List<Map<String, Object>>) run.get("results")).get(0);
        assertEquals("CG201", rules.get((Integer) result.get("ruleIndex")).get("id"));
        assertEquals("error", result.get("level"));
    }
}
