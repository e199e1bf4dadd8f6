package dev.composeguard.testsupport;

import dev.composeguard.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the whole CLI in-process with captured streams (the picocli "testing your application" pattern). */
public final class GuardRun {
    public final int exitCode;
    public final String out;
    public final String err;

    private GuardRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs {@code args} in {@code cwd}; {@code env} is added to a minimal environment (PATH, HOME). Hermetic: no
     * system docker CLI plugin directory is searched (a compose plugin installed on this machine is not seen).
     */
    public static GuardRun in(Path cwd, Map<String, String> env, String... args) {
        return in(cwd, env, List.of(), args);
    }

    /** Like {@link #in(Path, Map, String...)} with {@code systemPluginDirs} as the docker CLI's system plugin dirs. */
    public static GuardRun in(Path cwd, Map<String, String> env, List<String> systemPluginDirs, String... args) {
        Map<String, String> full = new HashMap<>();
        full.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        full.put("HOME", System.getProperty("user.home"));
        full.putAll(env);
        full.values().removeIf(v -> v == null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), full, cwd.toAbsolutePath(), systemPluginDirs, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new GuardRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static GuardRun in(Path cwd, String... args) {
        return in(cwd, Map.of(), args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
