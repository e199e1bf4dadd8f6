package dev.composeguard.rules.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.core.JsonCodec;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF report against the SARIF 2.1.0 schema and Microsoft's SARIF rules, with the real
 * {@code sarif-multitool validate} (npm {@code @microsoft/sarif-multitool}, installed by .ci/setup under
 * /opt/sarif-multitool; skipped where it is absent). Its exit code is 0 even for an invalid log, so the test reads
 * the validation log it writes: no result of level error.
 */
@Tag("it")
class SarifValidationIT {
    private static final Path MULTITOOL = Path.of("/opt/sarif-multitool/node_modules/.bin/sarif-multitool");

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void theOutageFixturesSarifIsValid() throws Exception {
        assumeTrue(Files.isExecutable(MULTITOOL), "sarif-multitool is not installed");
        Path project = Files.createDirectories(tmp.resolve("proj"));
        Files.writeString(project.resolve("compose.yaml"), """
                services:
                  db:
                    image: postgres:16
                    env_file: ../envs/.env
                    environment:
                      POSTGRES_PASSWORD: hunter2-not-a-real-one
                    volumes:
                      - data:/var/lib/postgresql/data
                volumes:
                  data:
                """);
        Files.createDirectories(tmp.resolve("envs"));
        Files.writeString(tmp.resolve("envs/.env"), "A=1\n");
        Path sarif = tmp.resolve("report.sarif");
        for (String docs : new String[] {null, "https://docs.example.test/compose-guard/rules/"}) {
            Map<String, String> env = new java.util.HashMap<>();
            if (docs != null) {
                env.put("COMPOSE_GUARD_DOCS_URL", docs);
            }
            GuardRun lint = GuardRun.in(project, env, "lint", "--format", "sarif");
            assertEquals(1, lint.exitCode, lint::toString);
            Files.writeString(sarif, lint.out);
            Path log = tmp.resolve("validation.sarif");
            Files.deleteIfExists(log);
            Cmd.Result r = Cmd.run(tmp, Map.of(), List.of(MULTITOOL.toString(), "validate", sarif.toString(), "-o",
                    log.toString()), null, 300);
            assertEquals(0, r.exitCode(), r::toString);
            Map<String, Object> root = JsonCodec.MAPPER.readValue(Files.readString(log), Map.class);
            List<String> errors = new ArrayList<>();
            for (Map<String, Object> run : (List<Map<String, Object>>) root.get("runs")) {
                for (Map<String, Object> res : (List<Map<String, Object>>) run.getOrDefault("results", List.of())) {
                    if ("error".equals(res.get("level"))) {
                        errors.add(res.get("ruleId") + " " + res.get("message"));
                    }
                }
            }
            assertTrue(errors.isEmpty(), "sarif-multitool errors (docs " + docs + "):\n" + String.join("\n", errors));
        }
    }
}
