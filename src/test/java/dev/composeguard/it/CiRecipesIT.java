package dev.composeguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.JsonCodec;
import dev.composeguard.testsupport.Cmd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The CI recipes (issue 18): action.yml's inputs all reach {@code bin/compose-guard-ci action}, which lints with
 * annotations, writes SARIF and sets the step output; the pre-commit hook lints the project of each changed compose
 * file. Runs the real launcher over the release-like copy of the checkout (GuardInstall), no Maven inside Maven.
 */
@Tag("it")
class CiRecipesIT {
    private static final Path REPO = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    private Path ci;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        Path dist = GuardInstall.dist();
        ci = dist.resolve("bin/compose-guard-ci");
        Files.copy(REPO.resolve("bin/compose-guard-ci"), ci, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        env.put("COMPOSE_GUARD_REAL_COMPOSE", null);
        env.put("COMPOSE_PROJECT_NAME", null);
        env.put("COMPOSE_FILE", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyActionInputReachesTheScript() throws Exception {
        String text = Files.readString(REPO.resolve("action.yml"));
        Map<String, Object> action = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
        Map<String, Object> inputs = (Map<String, Object>) action.get("inputs");
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        assertEquals("composite", runs.get("using"));
        for (String input : inputs.keySet()) {
            assertTrue(text.contains("${{ inputs." + input + " }}"), "input " + input + " is used");
            assertTrue(((Map<String, Object>) inputs.get(input)).containsKey("description"), input + " is described");
        }
        String script = Files.readString(REPO.resolve("bin/compose-guard-ci"));
        Matcher m = Pattern.compile("(CG_[A-Z_]+): \\$\\{\\{ inputs\\.").matcher(text);
        int seen = 0;
        while (m.find()) {
            assertTrue(script.contains(m.group(1)), m.group(1) + " is read by bin/compose-guard-ci");
            seen++;
        }
        assertEquals(7, seen, "the lint settings handed to the script");
    }

    @Test
    void actionAnnotatesWritesSarifAndSetsTheOutput() throws Exception {
        Path project = project("app", "      POSTGRES_PASSWORD: not-a-real-one-1234\n");
        Path output = tmp.resolve("github-output");
        env.put("CG_FORMAT", "github");
        env.put("CG_FAIL_ON", "error");
        env.put("CG_SARIF_FILE", tmp.resolve("out.sarif").toString());
        env.put("GITHUB_OUTPUT", output.toString());

        Cmd.Result r = Cmd.run(project, env, List.of("bash", ci.toString(), "action"));

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("::error file=compose.yaml"), r::toString);
        assertFalse(r.stdout().contains("not-a-real-one-1234") || r.stderr().contains("not-a-real-one-1234"), "no secret");
        assertEquals("2.1.0", JsonCodec.MAPPER.readTree(tmp.resolve("out.sarif").toFile()).path("version").asText());
        assertEquals("sarif-file=" + tmp.resolve("out.sarif") + "\n", Files.readString(output));

        env.put("CG_FAIL_ON", "error");
        Cmd.Result clean = Cmd.run(project("clean", ""), env, List.of("bash", ci.toString(), "action"));
        assertEquals(0, clean.exitCode(), clean::toString);
    }

    @Test
    void preCommitLintsTheProjectOfEachChangedFile() throws Exception {
        String pattern = hookFilesPattern();
        for (String yes : List.of("compose.yaml", "infra/docker-compose.yml", "docker-compose.prod.yml", "compose.override.yaml")) {
            assertTrue(Pattern.compile(pattern).matcher(yes).find(), yes);
        }
        for (String no : List.of("values.yaml", "compose.json", "docs/composer.yml")) {
            assertFalse(Pattern.compile(pattern).matcher(no).find(), no);
        }
        project("bad", "      POSTGRES_PASSWORD: not-a-real-one-1234\n");
        project("good", "");
        Cmd.Result bad = Cmd.run(tmp, env, List.of("bash", ci.toString(), "pre-commit", "bad/compose.yaml", "good/compose.yaml"));
        assertEquals(1, bad.exitCode(), bad::toString);
        assertTrue(bad.stdout().contains("CG108"), bad::toString);
        Cmd.Result good = Cmd.run(tmp, env, List.of("bash", ci.toString(), "pre-commit", "good/compose.yaml"));
        assertEquals(0, good.exitCode(), good::toString);
    }

    @SuppressWarnings("unchecked")
    private static String hookFilesPattern() throws Exception {
        Object hooks = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(REPO.resolve(".pre-commit-hooks.yaml")));
        Map<String, Object> hook = ((List<Map<String, Object>>) hooks).get(0);
        assertEquals("compose-guard-lint", hook.get("id"));
        String entry = (String) hook.get("entry");
        assertTrue(Files.isExecutable(REPO.resolve(entry.split(" ")[0])), entry);
        return (String) hook.get("files");
    }

    private Path project(String name, String extraEnv) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("compose.yaml"), """
                name: cgit-ci-%s
                services:
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_DB: app
                %s    volumes:
                      - data:/var/lib/postgresql/data
                volumes:
                  data:
                    name: cgit-ci-%s-data
                """.formatted(name, extraEnv, name));
        return dir;
    }
}
