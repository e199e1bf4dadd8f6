package dev.composeguard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Docker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The guard in front of the real engine and the compose it finds on this machine (the system compose v2 plugin,
 * else Debian's docker-compose 1.29.2), through an installed launcher: for
 * calls the guard has nothing to say about, stdout and the exit code are exactly compose's; the terminal, stdin,
 * argv and Ctrl-C reach compose untouched.
 */
@Tag("it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PassthroughIT {

    /** What the installed guard finds here (the system compose plugin, else docker-compose on PATH). */
    private static String compose;
    private static Path tmp;
    private static Path guard;
    private static Path dir;
    /** Twin projects: the guard drives {@link #viaGuard}, docker-compose drives {@link #direct}. */
    private static String viaGuard;
    private static String direct;
    private static final Map<String, String> ENV = new HashMap<>();

    @BeforeAll
    static void install() throws IOException {
        compose = Composes.machine().toString();
        tmp = Files.createTempDirectory("cgit-pkg-pass");
        ENV.put("HOME", tmp.resolve("home").toString());
        ENV.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        for (String k : List.of("COMPOSE_GUARD_REAL_COMPOSE", "COMPOSE_GUARD_HANDOFF", "COMPOSE_FILE",
                "COMPOSE_PROJECT_NAME", "DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "COMPOSE_GUARD_JAVA_OPTS")) {
            ENV.put(k, null);
        }
        Cmd.Result r = GuardInstall.installSh(tmp.resolve("prefix"), ENV);
        assertEquals(0, r.exitCode(), r.toString());
        guard = tmp.resolve("prefix/bin/compose-guard");
        dir = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  a:
                    image: %s
                    command: sh -c 'echo started; exec sleep 3600'
                    init: true
                    environment:
                      GREETING: "hello ${USER_NAME:-world}"
                """.formatted(Docker.BUSYBOX));
        String id = UUID.randomUUID().toString().substring(0, 8);
        viaGuard = "cgit-pkg-" + id + "g";
        direct = "cgit-pkg-" + id + "d";
    }

    @AfterAll
    static void cleanUp() {
        for (String p : new String[] {viaGuard, direct}) {
            if (p != null) {
                Cmd.run(dir, ENV, List.of(compose, "-p", p, "down", "-v", "--remove-orphans", "-t", "0"), null, 120);
                Docker.removeProject(p);
            }
        }
        if (tmp != null) {
            GuardInstall.deleteTree(tmp);
        }
    }

    private static Cmd.Result compose(String... args) {
        return run(null, compose, args);
    }

    private static Cmd.Result guarded(String... args) {
        return run(null, guard.toString(), args);
    }

    private static Cmd.Result run(byte[] stdin, String program, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program);
        cmd.addAll(List.of(args));
        return Cmd.run(dir, ENV, cmd, stdin, 180);
    }

    private static String[] with(String project, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-p";
        all[1] = project;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    private static void assertSame(Cmd.Result expected, Cmd.Result actual) {
        assertEquals(expected.exitCode(), actual.exitCode(), "exit code\nexpected " + expected + "\nactual " + actual);
        assertArrayEquals(expected.stdoutBytes(), actual.stdoutBytes(),
                "stdout\nexpected " + expected + "\nactual " + actual);
    }

    /** A ps table with its relative times masked and its column padding collapsed. */
    static String withoutClock(String table) {
        return table.replaceAll("(?:\\d+|an?|About an?|Less than an?) (?:second|minute|hour|day|week|month|year)s?"
                + "(?: ago)?", "<t>").replaceAll(" {2,}", " ");
    }

    @Test
    @Order(1)
    void configIsByteIdentical() {
        assertSame(compose(with(viaGuard, "config")), guarded(with(viaGuard, "config")));
        assertSame(compose("config", "--services"), guarded("config", "--services"));
    }

    @Test
    @Order(2)
    void psOfAProjectWithNothingRunningIsByteIdentical() {
        assertSame(compose(with(viaGuard, "ps")), guarded(with(viaGuard, "ps")));
    }

    @Test
    @Order(3)
    void upDetachedGivesComposesStdoutAndCode() {
        Cmd.Result d = compose(with(direct, "up", "-d"));
        Cmd.Result g = guarded(with(viaGuard, "up", "-d"));
        assertEquals(0, d.exitCode(), d.toString());
        assertEquals(d.exitCode(), g.exitCode(), g.toString());
        assertEquals(d.stdout().replace(direct, viaGuard), g.stdout());
        assertTrue(g.stderr().contains(Composes.container(Path.of(compose), viaGuard, "a")), g.stderr());
    }

    @Test
    @Order(4)
    void psOfARunningProjectIsByteIdentical() {
        Cmd.Result d = compose(with(viaGuard, "ps"));
        assertTrue(d.stdout().contains(Composes.container(Path.of(compose), viaGuard, "a")), d.toString());
        Cmd.Result g = guarded(with(viaGuard, "ps"));
        // The table's CREATED and STATUS columns are relative to the clock ("1 second ago" one call, "2 seconds
        // ago" the next, and the column widths follow), so the table is compared with those phrases masked;
        // the id list has no clock in it and stays byte-identical.
        assertEquals(d.exitCode(), g.exitCode(), "exit code\nexpected " + d + "\nactual " + g);
        assertEquals(withoutClock(d.stdout()), withoutClock(g.stdout()), "stdout\nexpected " + d + "\nactual " + g);
        assertSame(compose(with(viaGuard, "ps", "-q")), guarded(with(viaGuard, "ps", "-q")));
    }

    @Test
    @Order(5)
    void awkwardArgvReachesTheContainerUnchangedAndItsExitCodeComesBack() {
        String[] tail = {"exec", "-T", "a", "sh", "-c", "for a; do printf '[%s]' \"$a\"; done; exit 42", "x",
            "two words", "", "ünïcödé ✓", "\"quoted\"", "'single'", "$HOME", "*", "--", "-p", "a\\b"};
        Cmd.Result d = compose(with(viaGuard, tail));
        assertEquals(42, d.exitCode(), d.toString());
        assertTrue(d.stdout().contains("[ünïcödé ✓]"), d.toString());
        assertSame(d, guarded(with(viaGuard, tail)));
    }

    @Test
    @Order(6)
    void stdinReachesCompose() {
        byte[] input = "line one\nzwei ✓\n\u0000end".getBytes(StandardCharsets.UTF_8);
        Cmd.Result d = run(input, compose, with(viaGuard, "exec", "-T", "a", "cat"));
        Cmd.Result g = run(input, guard.toString(), with(viaGuard, "exec", "-T", "a", "cat"));
        assertArrayEquals(input, d.stdoutBytes(), d.toString());
        assertSame(d, g);
    }

    @Test
    @Order(7)
    void interactiveExecUnderAPseudoTerminalSeesATty() {
        String inner = guard + " -p " + viaGuard + " exec a sh -c 'test -t 0 && test -t 1 && echo IS-A-TTY; tty'";
        Cmd.Result r = Cmd.run(dir, ENV, List.of("script", "-qec", inner, "/dev/null"), null, 120);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("IS-A-TTY"), r.toString());
        assertTrue(r.stdout().contains("/dev/pts/"), r.toString());
    }

    @Test
    @Order(8)
    void sigintToLogsFollowEndsComposeWithComposesCode() throws Exception {
        int directCode = interruptLogsFollow(compose, false);
        int guardCode = interruptLogsFollow(guard.toString(), true);
        assertEquals(directCode, guardCode);
    }

    /** Starts {@code logs -f}, waits for the service's output, sends SIGINT, returns the exit code. */
    private static int interruptLogsFollow(String program, boolean viaTheGuard) throws Exception {
        // env --default-signal: the test JVM may itself run with SIGINT ignored (a background job).
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT", program, "-p", viaGuard, "logs", "-f",
                "--no-color").directory(dir.toFile()).redirectErrorStream(true);
        ENV.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        InputStream in = p.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!seen.toString(StandardCharsets.UTF_8).contains("started") && System.nanoTime() < deadline) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.write(b);
        }
        assertTrue(seen.toString(StandardCharsets.UTF_8).contains("started"), seen.toString(StandardCharsets.UTF_8));
        if (viaTheGuard) {
            // The launcher exec'd compose: the process we started IS compose now, and no JVM is left in between.
            String command = p.info().command().orElse("");
            assertFalse(command.contains("java"), command);
            assertTrue(p.descendants().noneMatch(h -> h.info().command().orElse("").contains("java")));
        }
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        Cmd.run(null, Map.of(), List.of("kill", "-INT", Long.toString(p.pid())), null, 10);
        in.transferTo(seen);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "compose did not end on SIGINT: " + seen);
        for (ProcessHandle h : family) {
            assertTrue(h.onExit().toCompletableFuture().completeOnTimeout(h, 10, TimeUnit.SECONDS).join() != null
                    && !h.isAlive(), "left behind: " + h.info());
        }
        return p.exitValue();
    }

    @Test
    @Order(9)
    void failingComposeCallsKeepTheirCode() {
        assertSame(compose(with(viaGuard, "-f", "missing.yml", "ps")), guarded(with(viaGuard, "-f", "missing.yml", "ps")));
        Cmd.Result d = compose(with(viaGuard, "no-such-command"));
        assertTrue(d.exitCode() != 0, d.toString());
        assertSame(d, guarded(with(viaGuard, "no-such-command")));
        assertSame(compose(with(viaGuard, "exec", "-T", "nosuchservice", "true")),
                guarded(with(viaGuard, "exec", "-T", "nosuchservice", "true")));
    }

    @Test
    @Order(10)
    void downGivesComposesStdoutAndCode() {
        Cmd.Result d = compose(with(direct, "down"));
        Cmd.Result g = guarded(with(viaGuard, "down"));
        assertEquals(0, d.exitCode(), d.toString());
        assertEquals(d.exitCode(), g.exitCode(), g.toString());
        assertEquals(d.stdout().replace(direct, viaGuard), g.stdout());
        assertEquals("", Docker.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + viaGuard)
                .stdout().trim());
    }

    @Test
    @Order(11)
    void composeFileOnStdinReachesComposeAfterTheGuardReadIt() throws IOException {
        byte[] file = Files.readAllBytes(dir.resolve("docker-compose.yml"));
        assertSame(run(file, compose, with(viaGuard, "-f", "-", "config")),
                run(file, guard.toString(), with(viaGuard, "-f", "-", "config")));
        // up loads the project (the guard reads stdin), then compose must still get the same file on its stdin.
        Cmd.Result up = run(file, guard.toString(), with(viaGuard, "-f", "-", "up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(compose(with(viaGuard, "ps", "-q")).stdout().trim().length() > 0, "the container runs");
        assertEquals(0, compose(with(viaGuard, "down", "-t", "0")).exitCode());
    }
}
