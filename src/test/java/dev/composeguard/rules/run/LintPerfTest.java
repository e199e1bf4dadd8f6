package dev.composeguard.rules.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.GuardRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lints a generated 500-service compose file in-process and keeps the time in check. The file is written to
 * target/lint-perf/docker-compose.yml, where docs/LINT-VS-DCLINT.md's hyperfine runs pick it up.
 */
class LintPerfTest {

    /** 500 services in the shapes of the corpus: apps with anchors and env, databases, caches. */
    static String generate(int n, boolean anchors) {
        String app = anchors ? "    <<: *app\n" : "    restart: unless-stopped\n    logging:\n      driver: json-file\n"
                + "      options:\n        max-size: 10m\n";
        String appEnv = anchors ? "      <<: *app-env\n" : "      LOG_LEVEL: ${LOG_LEVEL:-info}\n      TZ: ${TZ:-UTC}\n";
        StringBuilder b = new StringBuilder();
        b.append("name: perf500\n\nx-app: &app\n  restart: unless-stopped\n  logging:\n    driver: json-file\n"
                + "    options:\n      max-size: 10m\n  environment: &app-env\n    LOG_LEVEL: ${LOG_LEVEL:-info}\n"
                + "    TZ: ${TZ:-UTC}\n\nservices:\n");
        StringBuilder vols = new StringBuilder("volumes:\n");
        for (int i = 0; i < n; i++) {
            String name = String.format("svc%03d", i);
            switch (i % 10) {
                case 0:
                    b.append("  ").append(name).append(":\n    image: postgres:16.4\n    environment:\n")
                            .append("      POSTGRES_USER: app\n")
                            .append(i % 50 == 0 ? "      POSTGRES_PASSWORD: literal-" + i + "\n"
                                    : "      POSTGRES_PASSWORD: ${DB_PASSWORD_" + i + ":-}\n")
                            .append("    volumes:\n      - ").append(name).append("_data:/var/lib/postgresql/data\n")
                            .append("    healthcheck:\n      test: [\"CMD\", \"pg_isready\"]\n      interval: 10s\n");
                    vols.append("  ").append(name).append("_data:\n");
                    if (i % 20 == 0) {
                        vols.append("    name: perf_").append(name).append("_data\n");
                    }
                    break;
                case 1:
                    b.append("  ").append(name).append(":\n    image: redis:7.4-alpine\n    command: [\"redis-server\", \"--save\", \"\"]\n");
                    break;
                default:
                    b.append("  ").append(name).append(":\n").append(app).append("    image: registry.example.com/team/app-")
                            .append(i).append(":1.").append(i).append(".0\n    environment:\n").append(appEnv)
                            .append("      SERVICE_NAME: ").append(name).append('\n')
                            .append("      DATABASE_URL: postgres://app:${DB_PASSWORD_").append(i - i % 10)
                            .append(":-}@svc").append(String.format("%03d", i - i % 10)).append(":5432/app\n")
                            .append("      CACHE_URL: redis://svc").append(String.format("%03d", i - i % 10 + 1)).append(":6379/0\n")
                            .append("    ports:\n      - \"127.0.0.1:").append(20000 + i).append(":8080\"\n")
                            .append("    depends_on:\n      - svc").append(String.format("%03d", i - i % 10)).append('\n')
                            .append("    labels:\n      com.example.team: \"team-").append(i % 7).append("\"\n");
            }
        }
        return b.append('\n').append(vols).toString();
    }

    @Test
    void fiveHundredServicesLintQuickly() throws IOException {
        Path dir = Files.createDirectories(Path.of("target/lint-perf/perf500"));
        Files.writeString(dir.resolve("docker-compose.yml"), generate(500, true), StandardCharsets.UTF_8);
        // The same services without YAML anchors (dclint's YAML parser refuses more than 100 aliases).
        Path plain = Files.createDirectories(Path.of("target/lint-perf/perf500-plain"));
        Files.writeString(plain.resolve("docker-compose.yml"), generate(500, false), StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("COMPOSE_GUARD_REAL_COMPOSE", "/nonexistent");
        GuardRun first = GuardRun.in(dir, env, "lint", "--format", "json");
        assertEquals(1, first.exitCode, first.err);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            GuardRun r = GuardRun.in(dir, env, "lint", "--format", "json");
            best = Math.min(best, System.nanoTime() - t0);
            assertEquals(first.out, r.out);
        }
        System.out.println("lint of 500 services (in-process, warm, best of 5): " + best / 1_000_000 + " ms");
        assertTrue(best < 3_000_000_000L, "lint of 500 services took " + best / 1_000_000 + " ms");
        assertTrue(first.out.contains("\"rule\":\"CG108\"") && first.out.contains("\"rule\":\"CG111\""));
    }
}
