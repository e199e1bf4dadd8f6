package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.invocation.GlobalOptions;
import dev.composeguard.testsupport.GuardRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile compose projects (issue 7): alias bombs, deep nesting, huge files, invalid UTF-8, BOMs, CRLF, NUL bytes,
 * symlink loops and cycles in include/extends. Each one must end in a {@link ProjectLoadException} with a one-line
 * message (or load cleanly where compose loads it too), within a bounded time, and through the CLI in a documented
 * exit code: USAGE for {@code lint}, REFUSED for {@code down -v} (fail closed).
 */
class HostileInputTest {
    /** Generous: each case takes milliseconds; this only catches hangs and runaway work. */
    static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    Project load(Map<String, String> env, String... files) throws ProjectLoadException {
        return ProjectLoader.load(LoadRequest.of(dir, env,
                new GlobalOptions(List.of(files), null, null, List.of(), List.of(), false, false, null)));
    }

    /** The loader refuses the project cleanly, in time, with a one-line message containing {@code expected}. */
    ProjectLoadException refused(String expected, String... files) {
        ProjectLoadException e = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(ProjectLoadException.class, () -> load(Map.of(), files)));
        assertOneLine(e);
        assertTrue(e.oneLine().contains(expected), "expected \"" + expected + "\" in: " + e.oneLine());
        return e;
    }

    static void assertOneLine(ProjectLoadException e) {
        assertNotNull(e.getMessage());
        assertFalse(e.oneLine().contains("\n") || e.oneLine().contains("\r"), e.oneLine());
        assertTrue(e.oneLine().length() < 2000, "message too long: " + e.oneLine().length());
    }

    /** Through the CLI: lint says USAGE in one line, and down -v is refused (nothing can be known, fail closed). */
    void cliRefuses(String file) {
        Map<String, String> env = Map.of("COMPOSE_GUARD_REAL_COMPOSE", "/bin/false",
                "COMPOSE_GUARD_BACKUP_DIR", dir.resolve("backups").toString(), "COMPOSE_GUARD_TTY", "/nonexistent",
                "DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
        GuardRun lint = assertTimeoutPreemptively(LIMIT, () -> GuardRun.in(dir, env, "-f", file, "lint"));
        assertEquals(ExitCodes.USAGE, lint.exitCode, lint.toString());
        assertEquals(1, lint.err.strip().lines().count(), lint.toString());
        GuardRun down = assertTimeoutPreemptively(LIMIT, () -> GuardRun.in(dir, env, "-f", file, "down", "-v"));
        assertEquals(ExitCodes.REFUSED, down.exitCode, down.toString());
        assertTrue(down.err.contains("fail closed"), down.toString());
    }

    // ------------------------------------------------------------------ YAML

    @Test
    void billionLaughsIsRefused() throws IOException {
        StringBuilder y = new StringBuilder("x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            y.append("x-").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(p);
            }
            y.append("]\n");
        }
        y.append("services:\n  app:\n    image: busybox\n");
        write("compose.yaml", y.toString());
        refused("excessive aliasing", "compose.yaml");
        cliRefuses("compose.yaml");
    }

    @Test
    void mergeKeyBombIsRefused() throws IOException {
        StringBuilder y = new StringBuilder("x-0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n");
        for (int i = 1; i < 30; i++) {
            y.append("x-").append(i).append(": &m").append(i).append(" {<<: [*m").append(i - 1).append("], k")
                    .append(i).append(": [*m").append(i - 1).append(", *m").append(i - 1).append("]}\n");
        }
        y.append("services:\n  app:\n    image: busybox\n");
        write("compose.yaml", y.toString());
        refused("excessive aliasing", "compose.yaml");
    }

    @Test
    void recursiveAliasIsRefused() throws IOException {
        write("compose.yaml", "x-a: &a\n  b: *a\nservices:\n  app:\n    image: busybox\n");
        refused("yaml:", "compose.yaml");
    }

    @Test
    void tenThousandLevelsOfFlowNestingAreRefused() throws IOException {
        write("compose.yaml", "services: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        refused("nest", "compose.yaml");
        write("maps.yaml", "services: " + "{a: ".repeat(10_000) + "b" + "}".repeat(10_000) + "\n");
        refused("nest", "maps.yaml");
        cliRefuses("maps.yaml");
    }

    @Test
    void tenThousandLevelsOfBlockNestingAreRefused() throws IOException {
        write("compose.yaml", "services:\n  " + "- ".repeat(10_000) + "x\n");
        refused("nest", "compose.yaml");
    }

    @Test
    void hugeFilesAreRefusedInBoundedTimeAndMemory() throws IOException {
        // 20 MB in one scalar and 20 MB of comment: over the 16 Mi code point limit.
        byte[] big = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        byte[] head = "services:\n  app:\n    image: ".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        write("compose.yaml", big);
        refused("yaml:", "compose.yaml");
        byte[] comment = big.clone();
        comment[0] = '#';
        write("comment.yaml", comment);
        refused("yaml:", "comment.yaml");
        cliRefuses("comment.yaml");
        // 20 MB of short lines: over the code point limit
        String lines = "# " + "x".repeat(77) + "\n";
        write("lines.yaml", ("services: {}\n" + lines.repeat(20 * 1024 * 1024 / lines.length())).getBytes(StandardCharsets.UTF_8));
        refused("yaml:", "lines.yaml");
    }

    @Test
    void filesLargerThanAnyComposeFileAreNotReadIntoMemory() throws IOException {
        Path p = dir.resolve("compose.yaml");
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("services: {}\n".getBytes(StandardCharsets.UTF_8)), 3L << 30); // sparse 3 GiB
        }
        refused("too large", "compose.yaml");
        Path env = dir.resolve("big.env");
        try (var ch = java.nio.channels.FileChannel.open(env, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("A=1\n".getBytes(StandardCharsets.UTF_8)), 3L << 30);
        }
        write("ok.yaml", "services:\n  app:\n    image: busybox\n");
        ProjectLoadException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(ProjectLoadException.class,
                () -> ProjectLoader.load(LoadRequest.of(dir, Map.of(), new GlobalOptions(List.of("ok.yaml"), null,
                        null, List.of("big.env"), List.of(), false, false, null)))));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("too large"), e.oneLine());
    }

    @Test
    void invalidUtf8IsRefusedLikeCompose() throws IOException {
        byte[] text = "services:\n  app:\n    image: busybox\n    command: \"x\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[text.length + 2];
        System.arraycopy(text, 0, bad, 0, text.length - 3);
        bad[text.length - 3] = (byte) 0xC3; // a lead byte without its continuation
        bad[text.length - 2] = (byte) 0x28;
        bad[text.length - 1] = (byte) 0xFF;
        System.arraycopy(text, text.length - 3, bad, text.length, 2);
        bad[bad.length - 1] = '\n';
        write("compose.yaml", bad);
        ProjectLoadException e = refused("invalid UTF-8", "compose.yaml");
        assertEquals(4, e.source().line(), e.oneLine());
        cliRefuses("compose.yaml");
    }

    @Test
    void byteOrderMarksAndCrlfLoadLikeThePlainFile() throws Exception {
        String plain = "name: demo\nservices:\n  db:\n    image: postgres:16\n    environment:\n      A: \"1\"\n"
                + "    volumes:\n      - data:/var/lib/postgresql/data\nvolumes:\n  data: {}\n";
        write("plain.yaml", plain);
        byte[] bom = ("\uFEFF" + plain.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        write("crlf.yaml", bom);
        write(".env", "\uFEFFTAG=1\r\nB=\"two\"\r\nC='three' # c\r\n");
        Project a = assertTimeoutPreemptively(LIMIT, () -> load(Map.of(), "plain.yaml"));
        Project b = assertTimeoutPreemptively(LIMIT, () -> load(Map.of(), "crlf.yaml"));
        assertEquals(a.name().value(), b.name().value());
        assertEquals(a.services().keySet(), b.services().keySet());
        assertEquals(a.services().get("db").image(), b.services().get("db").image());
        assertEquals(a.volumes().keySet(), b.volumes().keySet());
        assertEquals("1", b.environment().get("TAG"));
        assertEquals("two", b.environment().get("B"));
        assertEquals("three", b.environment().get("C"));
    }

    @Test
    void nulBytesAreRefused() throws IOException {
        write("compose.yaml", "services:\n  app:\n    image: busy\0box\n");
        refused("yaml:", "compose.yaml");
        cliRefuses("compose.yaml");
        write("ok.yaml", "services:\n  app:\n    image: busybox\n");
        write(".env", "A\0B=1\n");
        ProjectLoadException e = assertThrows(ProjectLoadException.class, () -> load(Map.of(), "ok.yaml"));
        assertOneLine(e);
    }

    // ------------------------------------------------------------------ include / extends

    @Test
    void includeCyclesAreRefused() throws IOException {
        write("compose.yaml", "include:\n  - b.yaml\nservices:\n  a:\n    image: busybox\n");
        write("b.yaml", "include:\n  - compose.yaml\nservices:\n  b:\n    image: busybox\n");
        refused("include cycle", "compose.yaml");
        cliRefuses("compose.yaml");
    }

    @Test
    void includeCycleThroughASymlinkIsRefused() throws IOException {
        write("compose.yaml", "include:\n  - sub/b.yaml\nservices:\n  a:\n    image: busybox\n");
        write("sub/b.yaml", "include:\n  - ../alias.yaml\nservices:\n  b:\n    image: busybox\n");
        Files.createSymbolicLink(dir.resolve("alias.yaml"), dir.resolve("compose.yaml"));
        refused("include cycle", "compose.yaml");
    }

    @Test
    void selfIncludeThroughADirectorySymlinkLoopIsRefused() throws IOException {
        // loop/ points at its own parent: loop/loop/loop/…/compose.yaml are all the same file
        Files.createSymbolicLink(dir.resolve("loop"), dir);
        write("compose.yaml", "include:\n  - loop/compose.yaml\nservices:\n  a:\n    image: busybox\n");
        refused("include cycle", "compose.yaml");
    }

    @Test
    void symlinkLoopsAreMissingFiles() throws IOException {
        Files.createSymbolicLink(dir.resolve("l1.yaml"), dir.resolve("l2.yaml"));
        Files.createSymbolicLink(dir.resolve("l2.yaml"), dir.resolve("l1.yaml"));
        write("compose.yaml", "include:\n  - l1.yaml\nservices:\n  a:\n    image: busybox\n");
        refused("l1.yaml", "compose.yaml");
        write("ext.yaml", "services:\n  a:\n    image: busybox\n    extends:\n      file: l1.yaml\n      service: x\n");
        refused("l1.yaml", "ext.yaml");
        assertTimeoutPreemptively(LIMIT, () -> assertThrows(ProjectLoadException.class, () -> load(Map.of(), "l1.yaml")));
        cliRefuses("l1.yaml");
    }

    @Test
    void extendsCyclesAreRefused() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: busybox\n    extends: b\n  b:\n    image: busybox\n    extends: a\n");
        refused("Circular reference", "compose.yaml");
        write("x.yaml", "services:\n  a:\n    image: busybox\n    extends: {file: y.yaml, service: b}\n");
        write("y.yaml", "services:\n  b:\n    image: busybox\n    extends: {file: x.yaml, service: a}\n");
        refused("Circular reference", "x.yaml");
        Files.createSymbolicLink(dir.resolve("x-alias.yaml"), dir.resolve("x.yaml"));
        write("z.yaml", "services:\n  a:\n    image: busybox\n    extends: {file: w.yaml, service: b}\n");
        write("w.yaml", "services:\n  b:\n    image: busybox\n    extends: {file: z-alias.yaml, service: a}\n");
        Files.createSymbolicLink(dir.resolve("z-alias.yaml"), dir.resolve("z.yaml"));
        refused("Circular reference", "z.yaml");
        cliRefuses("z.yaml");
    }

    @Test
    void longExtendsChainsAreBounded() throws IOException {
        StringBuilder y = new StringBuilder("services:\n  s0:\n    image: busybox\n");
        for (int i = 1; i < 3000; i++) {
            y.append("  s").append(i).append(":\n    extends: s").append(i - 1).append('\n');
        }
        write("compose.yaml", y.toString());
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                Project p = load(Map.of(), "compose.yaml");
                assertEquals("busybox", p.services().get("s2999").image());
            } catch (ProjectLoadException e) {
                assertOneLine(e);
            }
        });
    }

    // ------------------------------------------------------------------ interpolation and dotenv

    @Test
    void deeplyNestedInterpolationIsRefused() throws IOException {
        String deep = "${X:-".repeat(10_000) + "v" + "}".repeat(10_000);
        write("compose.yaml", "services:\n  app:\n    image: \"" + deep + "\"\n");
        refused("nest", "compose.yaml");
        write("ok.yaml", "services:\n  app:\n    image: busybox\n");
        write(".env", "A=" + deep + "\n");
        ProjectLoadException e = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(ProjectLoadException.class, () -> load(Map.of(), "ok.yaml")));
        assertOneLine(e);
    }

    @Test
    void interpolationOfManyVariablesIsLinear() throws IOException {
        String many = ("      - \"" + "$A".repeat(30_000) + "\"\n").repeat(50); // 3 M variables
        write("compose.yaml", "services:\n  app:\n    image: busybox\n    command:\n" + many);
        assertTimeoutPreemptively(LIMIT, () -> load(Map.of("A", "x"), "compose.yaml"));
        String unclosed = "${A:-".repeat(100) + "x";
        write("bad.yaml", "services:\n  app:\n    image: \"" + unclosed.repeat(100) + "\"\n");
        refused("invalid interpolation format", "bad.yaml");
    }

    @Test
    void hugeDotEnvIsBounded() throws IOException {
        StringBuilder env = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            env.append("K").append(i).append("=${K").append(i == 0 ? 0 : i - 1).append(":-v}\n");
        }
        write(".env", env.toString());
        write("compose.yaml", "services:\n  app:\n    image: busybox\n");
        assertTimeoutPreemptively(LIMIT, () -> {
            try {
                load(Map.of(), "compose.yaml");
            } catch (ProjectLoadException e) {
                assertOneLine(e);
            }
        });
    }

    @Test
    void errorsNeverQuoteAValueThatMayBeASecret() throws IOException {
        String secret = "S3cr3t-hunter2";
        write("compose.yaml", "services:\n  app:\n    image: busybox\n");
        for (String env : List.of("PASS=\"" + secret + "\n", "DB PASS@X=" + secret + "\n", "PASS=" + secret + "${x\n",
                "PASS=\"" + secret + "${\"\n", "P\u0000=" + secret + "\n")) {
            write(".env", env);
            ProjectLoadException e = assertThrows(ProjectLoadException.class, () -> load(Map.of(), "compose.yaml"), env);
            assertFalse(e.oneLine().contains(secret), e.oneLine());
        }
        Files.delete(dir.resolve(".env"));
        write("env.yaml", "services:\n  app:\n    image: busybox\n    environment:\n      PASS: \"" + secret + "${\"\n");
        ProjectLoadException e = assertThrows(ProjectLoadException.class, () -> load(Map.of(), "env.yaml"));
        assertFalse(e.oneLine().contains(secret), e.oneLine());
        write("env2.yaml", "services:\n  app:\n    image: busybox\n    environment:\n      - PASS=" + secret + "${x\n");
        e = assertThrows(ProjectLoadException.class, () -> load(Map.of(), "env2.yaml"));
        assertFalse(e.oneLine().contains(secret), e.oneLine());
    }

    @Test
    void everyExplicitCaseIsCounted() {
        // documentation anchor for docs/SECURITY.md: the number of @Test methods above is reported there
        long n = java.util.Arrays.stream(HostileInputTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (n < 20) {
            fail("hostile input cases went missing: " + n);
        }
    }
}
