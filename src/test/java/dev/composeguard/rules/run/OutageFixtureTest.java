package dev.composeguard.rules.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outage's layout, linted through the real loader and the real CLI. */
class OutageFixtureTest {
    @TempDir
    Path tmp;

    private static final Map<String, String> ENV = Map.of("COMPOSE_GUARD_REAL_COMPOSE", "/nonexistent");

    private GuardRun lint(String... extra) {
        Path root = Fixtures.copy("outage", tmp.resolve("shop"));
        String[] base = {"-f", "infra/docker-compose.yml", "-f", "infra/docker-compose.prod.yml", "--env-file",
                "envs/.env.prod", "lint"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return GuardRun.in(root, ENV, args);
    }

    @Test
    void reportsTheOutagesHazardsAtTheRightLinesAndExits1() {
        GuardRun r = lint();
        assertEquals(1, r.exitCode, r.toString());
        String out = r.out;
        List<String> expected = List.of(
                "infra/docker-compose.yml:5:", "error [CG104]",
                "infra/docker-compose.yml:6:", "error [CG101]",
                "infra/docker-compose.yml:17:", "warning [CG111]",
                "infra/docker-compose.prod.yml:9:", "error [CG108]",
                "infra/docker-compose.prod.yml:11:", "error [CG105]",
                "envs/.env.prod:2:", "error [CG102]");
        for (int i = 0; i < expected.size(); i += 2) {
            String loc = expected.get(i);
            String what = expected.get(i + 1);
            assertTrue(out.lines().anyMatch(l -> l.startsWith(loc) && l.contains(what)), loc + " " + what + "\n" + r);
        }
        assertTrue(out.lines().anyMatch(l -> l.startsWith("infra/docker-compose.prod.yml:11:") && l.contains("[CG107]")), r.toString());
        assertFalse(out.contains("s3cr3t"), "the password must never be printed");
        assertFalse(r.err.contains("s3cr3t"));
    }

    @Test
    void flagsAfterLintWorkToo() {
        Path root = Fixtures.copy("outage", tmp.resolve("shop"));
        GuardRun r = GuardRun.in(root, ENV, "lint", "-f", "infra/docker-compose.yml", "-f",
                "infra/docker-compose.prod.yml", "--env-file", "envs/.env.prod", "--format", "json");
        assertEquals(1, r.exitCode, r.toString());
        for (String code : List.of("CG101", "CG102", "CG104", "CG105", "CG107", "CG108", "CG111")) {
            assertTrue(r.out.contains("\"rule\":\"" + code + "\""), code + "\n" + r);
        }
    }
}
