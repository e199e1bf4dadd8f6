package dev.composeguard.rules.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.rules.file.PlaintextSecret;
import dev.composeguard.testsupport.GuardRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests: every directory under lint-fixtures/rules (one positive and one negative per rule, suppression,
 * config), lint-corpus (compose files in the style of popular projects' published examples) and lint-realworld
 * (real projects' compose files, vendored with their source in lint-realworld/SOURCES) is linted through
 * the real loader and CLI; the text report and exit code must equal its reviewed {@code expected.txt}. An
 * optional {@code args} file holds compose flags, one per line. {@code -Dcg.golden.update=true} rewrites the
 * golden files (review the diff before committing).
 */
class GoldenLintTest {
    /** No engine lookup: the findings must not depend on which images this machine happens to have. */
    private static final Map<String, String> ENV = Map.of("COMPOSE_GUARD_REAL_COMPOSE", "/nonexistent",
            "COMPOSE_GUARD_LINT_ENGINE", "off");
    private static final Pattern SECRET_LINE = Pattern.compile("^\\s*-?\\s*([A-Za-z0-9_.-]+)\\s*[:=]\\s*[\"']?([^\"'#\\s$]{4,})");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> ruleFixtures() throws IOException {
        return cases("lint-fixtures/rules");
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        return cases("lint-corpus");
    }

    /**
     * Real projects' compose files as published (lint-realworld/SOURCES names repository, commit and licence of
     * each): a change in what lint reports on them shows up here as a diff of expected.txt.
     */
    @TestFactory
    Stream<DynamicTest> realWorld() throws IOException {
        return cases("lint-realworld");
    }

    private Stream<DynamicTest> cases(String root) throws IOException {
        Path dir = Fixtures.resource(root);
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(root, c)));
    }

    private void check(String root, Path fixture) throws IOException {
        String name = fixture.getFileName().toString();
        Path copy = Fixtures.copyDir(fixture, tmp.resolve(name));
        List<String> args = new ArrayList<>();
        Path argsFile = fixture.resolve("args");
        if (Files.exists(argsFile)) {
            args.addAll(Files.readAllLines(argsFile).stream().filter(l -> !l.isBlank()).toList());
        }
        args.add("lint");
        GuardRun r = GuardRun.in(copy, ENV, args.toArray(new String[0]));
        String actual = r.out + "exit " + r.exitCode + "\n" + (r.err.isEmpty() ? "" : "--- stderr\n" + r.err);
        Path expectedFile = fixture.resolve("expected.txt");
        if (Boolean.getBoolean("cg.golden.update")) {
            Path src = Path.of("src/test/resources", root, name, "expected.txt");
            Files.writeString(src, actual, StandardCharsets.UTF_8);
        } else {
            assertTrue(Files.exists(expectedFile), "no expected.txt for " + name + "; got:\n" + actual);
            assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, name);
        }
        assertTrue(r.exitCode == 0 || r.exitCode == 1, "lint must not crash or fail to load on " + name + ":\n" + r);
        for (String secret : literalSecrets(copy)) {
            assertFalse(r.out.contains(secret) || r.err.contains(secret), name + ": a secret value was printed");
        }
    }

    /** Literal values of secret-looking keys in the fixture's compose files (they must never be printed). */
    private static List<String> literalSecrets(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).toList()) {
                for (String line : Files.readAllLines(p)) {
                    Matcher m = SECRET_LINE.matcher(line);
                    if (m.find() && PlaintextSecret.secretKey(m.group(1))) {
                        out.add(m.group(2));
                    } else {
                        rest.append(line).append('\n');
                    }
                }
            }
        }
        // A value that is also a service name, user name … elsewhere in the files (wordpress, gitea) proves nothing.
        out.removeIf(v -> rest.toString().contains(v));
        return out;
    }
}
