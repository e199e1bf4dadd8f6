package dev.composeguard.rules.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.rules.run.Linter;
import dev.composeguard.rules.Environments;
import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.Severity;
import dev.composeguard.rules.Finding;
import dev.composeguard.testsupport.TestProject;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndSuppressionTest {
    @TempDir
    Path dir;

    private Project secretProject(String composeText) throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), composeText);
        var t = TestProject.in(dir).file("compose.yaml", FileRole.DISCOVERED);
        int line = 1;
        for (String l : composeText.split("\n", -1)) {
            if (l.contains("PASSWORD:")) {
                final int at = line;
                t.service("db" + at, s -> s.image("postgres:16").named("pg", "/var/lib/postgresql/data", t.at("compose.yaml", 2))
                        .env("POSTGRES_PASSWORD", "plain", t.at("compose.yaml", at)));
            }
            line++;
        }
        return t.volume("pg", true, false, t.at("compose.yaml", 1)).build();
    }

    private static Linter.Result lint(Project p, RuleConfig cfg) {
        return Linter.run(new FileContext(p, cfg, p.workingDir(), FileContext.Siblings.NONE));
    }

    @Test
    void suppressionOnTheLineAndAboveWithReason() throws Exception {
        Project p = secretProject("services:\n"
                + "  db:\n"
                + "    environment:\n"
                + "      POSTGRES_PASSWORD: plain # compose-guard: ignore CG108 throw-away CI database\n"
                + "      # compose-guard: ignore plaintext-secret, CG111 demo stack\n"
                + "      # (more comment)\n"
                + "      POSTGRES_PASSWORD: plain\n"
                + "      POSTGRES_PASSWORD: plain\n");
        Linter.Result r = lint(p, RuleConfig.EMPTY);
        assertEquals(1, r.findings().size(), r.findings().toString());
        assertEquals(8, r.findings().get(0).source().line());
        assertEquals(2, r.suppressed());
    }

    @Test
    void suppressionOfAnotherCodeDoesNotApply() throws Exception {
        Project p = secretProject("services:\n  db:\n    environment:\n"
                + "      POSTGRES_PASSWORD: plain # compose-guard: ignore CG101 CG108 is not named after the reason CG108\n");
        // "CG101" then "CG108" are codes; the reason starts at "is".
        assertEquals(0, lint(p, RuleConfig.EMPTY).findings().size());
        Project q = secretProject("services:\n  db:\n    environment:\n"
                + "      POSTGRES_PASSWORD: plain # compose-guard: ignore CG101 because CG108 is fine\n");
        assertEquals(1, lint(q, RuleConfig.EMPTY).findings().size());
    }

    @Test
    void configTurnsRulesOffAndOverridesSeverity() throws Exception {
        Project p = secretProject("services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: plain\n");
        RuleConfig off = ConfigFile.parse(dir.resolve(".compose-guard.yml"), "rules:\n  CG108: off\n");
        assertEquals(0, lint(p, off).findings().size());
        RuleConfig warn = ConfigFile.parse(dir.resolve(".compose-guard.yml"),
                "rules:\n  plaintext-secret: {severity: warning, reason: demo}\n");
        List<Finding> f = lint(p, warn).findings();
        assertEquals(1, f.size());
        assertEquals(Severity.WARNING, f.get(0).severity());
        RuleConfig info = ConfigFile.parse(dir.resolve(".compose-guard.yml"), "rules:\n  cg108: info\n");
        assertEquals(Severity.INFO, lint(p, info).findings().get(0).severity());
    }

    /** Engine rules (CG2xx) are configured like file rules: by code or name, off or a severity (was "unknown rule"). */
    @Test
    void configKnowsTheEngineRules() throws Exception {
        RuleConfig c = ConfigFile.parse(dir.resolve(".compose-guard.yml"),
                "rules:\n  CG201: warning\n  credential-drift: off\n  CG208: {severity: info, reason: lab}\n");
        assertEquals(Severity.WARNING, c.rules().get("CG201").severity());
        assertFalse(c.rules().get("CG206").enabled());
        assertEquals(Severity.INFO, c.rules().get("CG208").severity());
    }

    @Test
    void configFileIsFoundInProjectDirAndPinsEnvironment() throws Exception {
        Files.writeString(dir.resolve(".compose-guard.yml"), "# pinned\nproject-name: shop\nenvironment: prod\n"
                + "required-files: [docker-compose.override.yml]\n");
        RuleConfig c = ConfigFile.load(dir);
        assertEquals("shop", c.projectName());
        assertEquals(2, c.projectNameAt().line());
        Project p = TestProject.in(dir).file("docker-compose.yml", FileRole.DISCOVERED).build();
        var ctx = new FileContext(p, c, dir, FileContext.Siblings.NONE);
        assertEquals("production", ctx.environment().name());
        assertTrue(ctx.environment().reason().contains(".compose-guard.yml"));
        assertEquals(RuleConfig.EMPTY, ConfigFile.load(dir.resolve("nowhere")));
    }

    @Test
    void badConfigIsOneLineWithFileAndLine() {
        Path f = dir.resolve(".compose-guard.yml");
        var e = assertThrows(RuleConfig.ConfigException.class, () -> ConfigFile.parse(f, "rules:\n  CG999: off\n"));
        assertTrue(e.getMessage().contains(".compose-guard.yml:2:3: unknown rule 'CG999'"), e.getMessage());
        e = assertThrows(RuleConfig.ConfigException.class, () -> ConfigFile.parse(f, "rulez: {}\n"));
        assertTrue(e.getMessage().contains(":1:1: unknown key 'rulez'"), e.getMessage());
        e = assertThrows(RuleConfig.ConfigException.class, () -> ConfigFile.parse(f, "rules:\n  CG101: loud\n"));
        assertTrue(e.getMessage().contains(":2:10:"), e.getMessage());
        e = assertThrows(RuleConfig.ConfigException.class, () -> ConfigFile.parse(f, "rules: [\n"));
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        e = assertThrows(RuleConfig.ConfigException.class, () -> ConfigFile.parse(f, "environment: a\nenvironment: b\n"));
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void environmentInferenceFromNames() {
        assertEquals("production", Environments.ofFileName(".env.prod"));
        assertEquals("production", Environments.ofFileName("docker-compose.prod.yml"));
        assertEquals("production", Environments.ofFileName("compose.production.yaml"));
        assertEquals("staging", Environments.ofFileName("stage.env"));
        assertEquals("development", Environments.ofFileName("docker-compose.dev.yml"));
        assertEquals("development", Environments.ofFileName(".env.local"));
        assertEquals(null, Environments.ofFileName(".env"));
        assertEquals(null, Environments.ofFileName("docker-compose.yml"));
        assertEquals(null, Environments.ofFileName("docker-compose.override.yml"));
        assertEquals(null, Environments.ofFileName("products.env"));
    }
}
