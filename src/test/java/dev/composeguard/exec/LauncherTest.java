package dev.composeguard.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Cmd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash launcher ({@code bin/compose-guard}) on its own: a fake JVM (a script in {@code $JAVA_HOME/bin/java})
 * writes the verdict, a fake compose records what it got. No engine, no real JVM start.
 */
class LauncherTest {

    @TempDir
    Path tmp;

    private Path launcher;
    private Path fakeCompose;
    private Path javaLog;
    private final Map<String, String> env = new HashMap<>();

    private static Path executable(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @BeforeEach
    void layout() throws IOException {
        Path install = tmp.resolve("install dir");
        launcher = install.resolve("bin/compose-guard");
        Files.createDirectories(launcher.getParent());
        Files.copy(Path.of("bin/compose-guard"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = install.resolve("lib/compose-guard/compose-guard.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        javaLog = tmp.resolve("java.log");
        executable(tmp.resolve("jdk/bin/java"), """
                #!/usr/bin/env bash
                printf '%s\\n' "post=${COMPOSE_GUARD_POST_RC:-} launcher=$COMPOSE_GUARD_LAUNCHER" >> "$FAKE_JAVA_LOG"
                [ -n "${FAKE_JAVA_ARGS:-}" ] && printf '%s\\n' "$*" >> "$FAKE_JAVA_ARGS"
                [ -n "${COMPOSE_GUARD_POST_RC:-}" ] && { echo "post-run hook" >&2; printf 'post stdin='; cat; exit 0; } >&2
                printf '%s' "${FAKE_STDOUT:-}"
                printf '%s' "${FAKE_STDERR:-}" >&2
                if [ -n "${FAKE_REPLAY:-}" ]; then
                  printf '%s' "$FAKE_REPLAY" > "$FAKE_REPLAY_FILE"
                  printf '%s\\nstdin %s\\n' "$FAKE_VERDICT" "$FAKE_REPLAY_FILE" >&"$COMPOSE_GUARD_VERDICT_FD"
                elif [ -n "${FAKE_VERDICT:-}" ]; then
                  printf '%s\\n' "$FAKE_VERDICT" >&"$COMPOSE_GUARD_VERDICT_FD"
                fi
                exit "${FAKE_RC:-0}"
                """);
        // Prints every argument NUL-terminated, then the environment markers and its SIGINT disposition.
        fakeCompose = executable(tmp.resolve("real compose/docker-compose"), """
                #!/usr/bin/env bash
                for a in "$@"; do printf '%s\\0' "$a"; done
                printf 'handoff=%s plugin=%s\\0' "${COMPOSE_GUARD_HANDOFF:-}" "${DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND:-}"
                [ -n "${EXTRA_FD_TEST:-}" ] && echo "to fd 4" >&4
                [ -n "${SHOW_SIGIGN:-}" ] && grep SigIgn /proc/self/status >&2
                [ -n "${READ_STDIN:-}" ] && { printf 'stdin='; cat; }
                exit "${FAKE_COMPOSE_RC:-0}"
                """);
        env.put("JAVA_HOME", tmp.resolve("jdk").toString());
        env.put("FAKE_JAVA_LOG", javaLog.toString());
        env.put("PATH", "/usr/bin:/bin");
        env.put("COMPOSE_GUARD_HANDOFF", null);
        env.put("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", null);
        env.put("COMPOSE_GUARD_JAVA_OPTS", null);
    }

    private Cmd.Result run(Path cwd, String... args) {
        return run(cwd, null, args);
    }

    private Cmd.Result run(Path cwd, byte[] stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        return Cmd.run(cwd, env, cmd, stdin, 30);
    }

    private static List<String> words(byte[] out) {
        String s = new String(out, StandardCharsets.UTF_8);
        List<String> w = new ArrayList<>(List.of(s.split("\0", -1)));
        w.remove(w.size() - 1);
        return w;
    }

    private static final String[] AWKWARD = {"-p", "my project", "exec", "", "sh", "-c", "echo \"$1\" 'x' $HOME `id`",
        "ünïcödé ✓", "--", "a\nb", "*", "  lead", "trail  ", "-", "--flag=va lue", "\\"};

    @Test
    void onlyCallsThatStreamVolumesGetTheOptimisingCompiler() throws IOException {
        Path args = tmp.resolve("java-args.log");
        env.put("FAKE_JAVA_ARGS", args.toString());
        for (String[] call : List.of(new String[] {"ps"}, new String[] {"up", "-d"}, new String[] {"backup", "-p", "x"},
                new String[] {"-p", "x", "down", "-v"}, new String[] {"restore", "id"})) {
            Files.deleteIfExists(args);
            run(tmp, call);
            String jvm = Files.readString(args);
            boolean streams = !call[0].equals("ps") && !call[0].equals("up");
            assertEquals(streams, jvm.contains("-XX:TieredStopAtLevel=4"), String.join(" ", call) + ": " + jvm);
            assertEquals(!streams, jvm.contains("-XX:TieredStopAtLevel=1"), String.join(" ", call) + ": " + jvm);
            // one C1 thread; C2 would refuse to start with one
            assertEquals(!streams, jvm.contains("-XX:CICompilerCount=1"), String.join(" ", call) + ": " + jvm);
            // a young generation that a short call does not fill; streaming calls keep the JVM's own sizing
            assertEquals(!streams, jvm.contains("-XX:G1NewSizePercent=30"), String.join(" ", call) + ": " + jvm);
        }
        // whoever chooses the JIT in COMPOSE_GUARD_JAVA_OPTS gets the JVM's own compiler threads
        env.put("COMPOSE_GUARD_JAVA_OPTS", "-XX:TieredStopAtLevel=4");
        Files.deleteIfExists(args);
        run(tmp, "ps");
        assertFalse(Files.readString(args).contains("-XX:CICompilerCount=1"), Files.readString(args));
        env.put("COMPOSE_GUARD_JAVA_OPTS", "-Xmx64m");
        Files.deleteIfExists(args);
        run(tmp, "ps");
        assertFalse(Files.readString(args).contains("G1NewSizePercent"), Files.readString(args));
    }

    @Test
    void transparentHugePagesAreAskedForOnlyWhereTheKernelLeavesThemToTheProgram() throws IOException {
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean madvise = Files.isReadable(thp) && Files.readString(thp).contains("[madvise]");
        Path args = tmp.resolve("jvm-args");
        env.put("FAKE_JAVA_ARGS", args.toString());
        run(tmp, "ps");
        assertEquals(madvise, Files.readString(args).contains("-XX:+UseTransparentHugePages"), Files.readString(args));
    }

    @Test
    void composeGetsArgvByteForByte() {
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        Cmd.Result r = run(tmp, AWKWARD);
        assertEquals(0, r.exitCode(), r.toString());
        List<String> expected = new ArrayList<>(List.of(AWKWARD));
        expected.add("handoff=1 plugin=");
        assertEquals(expected, words(r.stdoutBytes()));
    }

    @Test
    void shiftDropsLeadingWordsAndLeavesPluginMode() {
        env.put("FAKE_VERDICT", "exec 2 " + fakeCompose);
        env.put("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker");
        Cmd.Result r = run(tmp, "-D", "compose", "ps", "");
        assertEquals(List.of("ps", "", "handoff=1 plugin="), words(r.stdoutBytes()), r.toString());
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        r = run(tmp, "compose", "ps");
        assertEquals(List.of("compose", "ps", "handoff=1 plugin=docker"), words(r.stdoutBytes()), r.toString());
    }

    @Test
    void composeExitCodeIsTheGuardsExitCode() {
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        env.put("FAKE_COMPOSE_RC", "37");
        assertEquals(37, run(tmp, "ps").exitCode());
    }

    @Test
    void stdinReachesCompose() {
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        env.put("READ_STDIN", "1");
        Cmd.Result r = run(tmp, "hello\u0000binary\n".getBytes(StandardCharsets.UTF_8), "exec", "-T", "a", "cat");
        assertTrue(r.stdout().endsWith("stdin=hello\u0000binary\n"), r.toString());
    }

    @Test
    void jvmStdoutReachesStdoutAndTheVerdictDoesNot() {
        env.put("FAKE_STDOUT", "report line\n");
        env.put("FAKE_STDERR", "compose-guard: a warning\n");
        Cmd.Result r = run(tmp, "lint");
        assertEquals(0, r.exitCode());
        assertEquals("report line\n", r.stdout());
        assertEquals("compose-guard: a warning\n", r.stderr());

        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        r = run(tmp, "ps");
        assertEquals("report line\nps\0handoff=1 plugin=\0", r.stdout(), "no verdict text on stdout");
    }

    @Test
    void jvmRefusalIsTheExitCodeAndComposeNeverRuns() {
        env.put("FAKE_RC", "3");
        env.put("FAKE_STDERR", "compose-guard: refused\n");
        Cmd.Result r = run(tmp, "down", "-v");
        assertEquals(3, r.exitCode());
        assertEquals("", r.stdout());
        assertEquals("compose-guard: refused\n", r.stderr());
    }

    @Test
    void garbageVerdictRunsNothing() {
        for (String verdict : List.of("exec x " + fakeCompose, "exec 5 " + fakeCompose, "exec 0", "fly 0 " + fakeCompose)) {
            env.put("FAKE_VERDICT", verdict);
            Cmd.Result r = run(tmp, "ps");
            assertEquals(70, r.exitCode(), verdict + "\n" + r);
            assertEquals("", r.stdout(), verdict);
        }
    }

    @Test
    void missingJavaIsOneClearLineAndExit70() throws IOException {
        env.put("JAVA_HOME", null);
        Path bin = Files.createDirectories(tmp.resolve("nojava"));
        for (String tool : List.of("bash", "env", "readlink")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        env.put("PATH", bin.toString());
        Cmd.Result r = run(tmp, "ps");
        assertEquals(70, r.exitCode(), r.toString());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("no Java runtime"), r.stderr());
    }

    @Test
    void worksThroughSymlinksFromAnyDirectory() throws IOException {
        Path links = Files.createDirectories(tmp.resolve("links"));
        Path link1 = Files.createSymbolicLink(links.resolve("cg1"), launcher);
        Path link2 = Files.createSymbolicLink(links.resolve("docker-compose"), link1);
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        Cmd.Result r = Cmd.run(Path.of("/"), env, List.of(link2.toString(), "ps"), null, 30);
        assertEquals(List.of("ps", "handoff=1 plugin="), words(r.stdoutBytes()), r.toString());
        Cmd.Result rel = Cmd.run(links, env, List.of("./docker-compose", "ps"), null, 30);
        assertEquals(0, rel.exitCode(), rel.toString());
        assertTrue(Files.readString(javaLog).contains("launcher=" + launcher.toRealPath()),
                "the JVM learns the real launcher path");
    }

    @Test
    void recursionBackstopStopsAtOnce() throws IOException {
        env.put("COMPOSE_GUARD_HANDOFF", "1");
        Cmd.Result r = run(tmp, "ps");
        assertEquals(6, r.exitCode());
        assertTrue(r.stderr().contains("recursion detected"), r.stderr());
        assertFalse(Files.exists(javaLog), "no JVM was started");
    }

    @Test
    void pluginHandshakeIsAnsweredWithoutJava() throws IOException {
        Cmd.Result r = run(tmp, "docker-cli-plugin-metadata");
        assertEquals(0, r.exitCode());
        String json = r.stdout().trim();
        assertTrue(json.startsWith("{\"SchemaVersion\":\"0.1.0\",\"Vendor\":\"compose-guard\""), json);
        assertTrue(json.endsWith("}"), json);
        assertFalse(Files.exists(javaLog), "no JVM was started");
    }

    @Test
    void callersOtherDescriptorsAreUntouched() throws IOException {
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        env.put("EXTRA_FD_TEST", "1");
        Path out = tmp.resolve("fd4.txt");
        Cmd.Result r = Cmd.run(tmp, env, List.of("bash", "-c", "exec 4>\"$1\"; shift; exec \"$@\"", "x", out.toString(),
                launcher.toString(), "ps"), null, 30);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("to fd 4\n", Files.readString(out));
    }

    @Test
    void runModeRunsComposeWithDefaultSigintThenTheHookAndKeepsComposeCode() throws IOException {
        env.put("FAKE_VERDICT", "run 0 " + fakeCompose);
        env.put("FAKE_COMPOSE_RC", "4");
        env.put("SHOW_SIGIGN", "1");
        env.put("READ_STDIN", "1");
        // Start the launcher with SIGINT ignored (as a background job would be): compose must still get it back.
        Cmd.Result r = Cmd.run(tmp, env, List.of("bash", "-c", "trap '' INT; exec \"$@\"", "x", launcher.toString(), "up"),
                "in".getBytes(StandardCharsets.UTF_8), 30);
        assertEquals(4, r.exitCode(), r.toString());
        assertTrue(r.stdout().endsWith("stdin=in"), r.toString());
        String sigIgn = r.stderr().lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow();
        long mask = Long.parseLong(sigIgn.substring("SigIgn:".length()).trim(), 16);
        assertEquals(0, mask & 0x2, "SIGINT must not be ignored by compose: " + sigIgn);
        assertTrue(r.stderr().contains("post-run hook"), r.toString());
        assertTrue(Files.readString(javaLog).contains("post=4 "), Files.readString(javaLog));
    }

    @Test
    void verdictPathWithSpacesWorks() {
        assertTrue(fakeCompose.toString().contains(" "));
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        assertEquals(0, run(tmp, "ps").exitCode());
    }

    @Test
    void stdinTheGuardReadIsReplayedToComposeAndTheFileIsGone() {
        Path replay = tmp.resolve("replay");
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        env.put("FAKE_REPLAY", "services: {}\n");
        env.put("FAKE_REPLAY_FILE", replay.toString());
        env.put("READ_STDIN", "1");
        Cmd.Result r = run(tmp, "-f", "-", "up", "-d");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().endsWith("stdin=services: {}\n"), r.toString());
        assertFalse(Files.exists(replay), "deleted before compose ran");

        // run mode: the post-run hook reads it once more, then it is deleted.
        env.put("FAKE_VERDICT", "run 0 " + fakeCompose);
        r = run(tmp, "-f", "-", "up", "-d");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().endsWith("stdin=services: {}\n"), r.toString());
        assertTrue(r.stderr().contains("post stdin=services: {}\n"), r.toString());
        assertFalse(Files.exists(replay), "deleted after the hook");
    }

    @Test
    void aSecondVerdictLineThatIsNotStdinRunsNothing() {
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose + "\nsomething else");
        Cmd.Result r = run(tmp, "ps");
        assertEquals(70, r.exitCode(), r.toString());
        assertEquals("", r.stdout());
    }

    /** Starts the launcher in its own process group (as a terminal's foreground job would be) and signals it. */
    private int signalled(String verdict, String signal, boolean wholeGroup) throws Exception {
        Path ready = tmp.resolve("ready");
        Files.deleteIfExists(ready);
        Path slow = executable(tmp.resolve("slow compose"), """
                #!/usr/bin/env bash
                trap 'echo got INT >&2; exit 41' INT
                trap 'echo got TERM >&2; exit 42' TERM
                touch '%s'
                while :; do sleep 0.1; done
                """.formatted(ready));
        env.put("FAKE_VERDICT", verdict + " 0 " + slow);
        // Default SIGINT (as under a terminal, whatever this JVM inherited), and a process group of its own.
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT", "setsid", "--fork", "--wait",
                launcher.toString(), "up");
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        for (int i = 0; i < 300 && !Files.exists(ready); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(ready), "compose started");
        // setsid --fork: the launcher is its child and leads the new process group.
        long launcherPid = p.children().findFirst().orElseThrow().pid();
        String target = wholeGroup ? "-" + launcherPid : Long.toString(launcherPid);
        Cmd.run(null, Map.of(), List.of("kill", "-" + signal, "--", target), null, 10);
        assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "ended");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(output.contains("got " + signal), output);
        return p.exitValue();
    }

    @Test
    void ctrlCToTheForegroundGroupReachesComposeInRunMode() throws Exception {
        assertEquals(41, signalled("run", "INT", true));
        assertTrue(Files.readString(javaLog).contains("post=41 "), "the hook still ran with compose's code");
    }

    @Test
    void sigtermToTheLauncherAloneIsForwardedInRunMode() throws Exception {
        assertEquals(42, signalled("run", "TERM", false));
    }

    @Test
    void signalsToTheGuardAreSignalsToComposeInExecMode() throws Exception {
        assertEquals(42, signalled("exec", "TERM", false));
        assertEquals(41, signalled("exec", "INT", true));
    }

    @Test
    void aJavaOlderThan17IsOneClearLineAndExit70() throws IOException {
        Files.writeString(tmp.resolve("jdk/release"), "JAVA_VERSION=\"1.8.0_402\"\nJAVA_RUNTIME_VERSION=\"1.8.0_402-b06\"\n");
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        Cmd.Result r = run(tmp, "ps");
        assertEquals(70, r.exitCode(), r.toString());
        assertEquals("", r.stdout());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("needs Java 17 or newer"), r.stderr());
        assertFalse(Files.exists(javaLog), "no JVM was started");

        Files.writeString(tmp.resolve("jdk/release"), "JAVA_RUNTIME_VERSION=\"17.0.15+6-Debian-1deb12u1\"\n");
        assertEquals(0, run(tmp, "ps").exitCode());
    }

    @Test
    void aFailedJvmLeavesNoCopyOfStdin() {
        Path replay = tmp.resolve("replay");
        env.put("FAKE_VERDICT", "exec 0 " + fakeCompose);
        env.put("FAKE_REPLAY", "secret: compose file\n");
        env.put("FAKE_REPLAY_FILE", replay.toString());
        env.put("FAKE_RC", "70");
        Cmd.Result r = run(tmp, "-f", "-", "up");
        assertEquals(70, r.exitCode(), r.toString());
        assertEquals("", r.stdout());
        assertFalse(Files.exists(replay));
    }
}
