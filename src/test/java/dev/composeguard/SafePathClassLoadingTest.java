package dev.composeguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Cmd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The safe path (ps, logs, exec, config …) runs before every harmless compose call, so it must stay close to a bare
 * JVM start. Instead of a flaky timing test, this runs the guard in a fresh JVM with {@code -Xlog:class+load} and
 * fails when a class from a heavy package is loaded, or when a class is spun at run time (a lambda or an
 * invokedynamic string concatenation costs ~15 ms the first time; see docs/PERFORMANCE.md).
 */
class SafePathClassLoadingTest {

    /** Package prefixes the safe path must never load: libraries, and the guard's own model/engine code. */
    static final List<String> FORBIDDEN = List.of(
            "picocli.", "org.snakeyaml.", "org.yaml.", "com.github.dockerjava.", "com.fasterxml.", "org.jline.",
            "org.apache.commons.", "com.google.", "org.bouncycastle.", "com.sun.jna.", "org.slf4j.",
            "dev.composeguard.project.", "dev.composeguard.rules.", "dev.composeguard.engine.",
            "dev.composeguard.guard.", "dev.composeguard.plan.", "dev.composeguard.backup.",
            "dev.composeguard.prompt.", "dev.composeguard.ledger.", "dev.composeguard.cli.GuardCli",
            "java.util.regex.");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ps", "logs -f --tail 10 web", "exec -T web sh -c true", "-f x.yml -p prod config",
            "version", "--ansi never ls", "plugin: compose ps"})
    void safePathLoadsNoHeavyClass(String call) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/bin/true");
        env.put("COMPOSE_GUARD_VERDICT_FD", "1");
        env.put("HOME", tmp.toString());
        env.put("PATH", "/usr/bin:/bin");
        env.put("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", null);
        String args = call;
        if (call.startsWith("plugin: ")) {
            env.put("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "compose");
            args = call.substring("plugin: ".length());
        }
        Path log = tmp.resolve("classes.log");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xshare:auto",
                "-Xlog:class+load=info:file=" + log, "-cp", testClassPath(), Main.class.getName()));
        cmd.addAll(List.of(args.split(" ")));
        Cmd.Result r = Cmd.run(tmp, env, cmd, null, 60);

        assertEquals(0, r.exitCode(), r.toString());
        String verdict = "exec " + (call.startsWith("plugin: ") ? 1 : 0) + " /bin/true\n";
        assertEquals(verdict, r.stdout(), "the verdict, and nothing else, on the verdict fd");
        List<String> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            // [0.012s][info][class,load] java.lang.Object source: shared objects file
            int k = line.indexOf("] ");
            int end = line.indexOf(' ', k + 2);
            if (k > 0 && end > k) {
                loaded.add(line.substring(k + 2, end));
            }
        }
        assertTrue(loaded.contains(Main.class.getName()), "class-load log not understood: " + loaded.size() + " lines");
        List<String> bad = new ArrayList<>();
        for (String c : loaded) {
            for (String f : FORBIDDEN) {
                if (c.startsWith(f)) {
                    bad.add(c);
                }
            }
            if (c.contains("$$Lambda") || c.startsWith("java.lang.invoke.LambdaForm$MH/")
                    || c.startsWith("java.lang.invoke.LambdaForm$DMH/")) {
                bad.add(c + " (spun at run time: a lambda, method reference or indy string concat on the safe path)");
            }
        }
        assertEquals(List.of(), bad, "the safe path `" + call + "` loaded heavy classes");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire may run us from a manifest-only jar; its real class path is in surefire.test.class.path. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
    }
}
