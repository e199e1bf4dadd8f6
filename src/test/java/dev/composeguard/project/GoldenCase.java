package dev.composeguard.project;

import dev.composeguard.invocation.GlobalOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden case: a directory under src/test/resources/projects with compose files, a {@code case.conf} (how
 * compose is called) and {@code expected.txt} (the loader's summary). case.conf lines:
 * {@code args: -f a.yml -p x --env-file e --profile p --project-directory d}, {@code env: K=V} (repeatable),
 * {@code cwd: sub}, {@code flavor: v1}, {@code release: 2.26.1} (the checked release whose rules the golden file
 * pins; default: the newest of the flavor), {@code services: a b}, {@code stdin: file}, {@code v1: same|differs|skip}
 * (whether docker-compose 1.29.2 agrees, for the integration test), {@code note: …}.
 */
record GoldenCase(String name, Path dir, List<String> args, Map<String, String> env, Path cwd, ComposeFlavor flavor,
        List<String> services, Path stdin, String v1, ComposeRelease release) {

    @Override
    public String toString() {
        return name;
    }

    static final Path ROOT = Path.of("src/test/resources/projects").toAbsolutePath();
    static final String HOME = "/home/tester";

    static List<GoldenCase> all() throws IOException {
        List<GoldenCase> out = new ArrayList<>();
        try (var s = Files.list(ROOT)) {
            for (Path d : s.sorted().toList()) {
                if (Files.isRegularFile(d.resolve("case.conf"))) {
                    out.add(read(d));
                }
            }
        }
        return out;
    }

    static GoldenCase read(Path dir) throws IOException {
        List<String> args = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Path cwd = dir;
        ComposeFlavor flavor = ComposeFlavor.V2;
        List<String> services = new ArrayList<>();
        Path stdin = null;
        String v1 = "same";
        ComposeRelease release = null;
        for (String line : Files.readAllLines(dir.resolve("case.conf"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int c = line.indexOf(':');
            String k = line.substring(0, c).trim();
            String v = line.substring(c + 1).trim();
            switch (k) {
                case "args" -> args.addAll(List.of(v.split("\\s+")));
                case "env" -> {
                    int eq = v.indexOf('=');
                    env.put(v.substring(0, eq), v.substring(eq + 1));
                }
                case "cwd" -> cwd = dir.resolve(v).normalize();
                case "flavor" -> flavor = ComposeFlavor.valueOf(v.toUpperCase(java.util.Locale.ROOT));
                case "services" -> services.addAll(List.of(v.split("\\s+")));
                case "stdin" -> stdin = dir.resolve(v);
                case "v1" -> v1 = v;
                case "release" -> release = java.util.Arrays.stream(ComposeRelease.values())
                        .filter(r -> r.checked().equals(v)).findFirst().orElseThrow();
                case "note" -> { }
                default -> throw new IllegalArgumentException(dir + "/case.conf: unknown key " + k);
            }
        }
        if (release != null) {
            flavor = release.flavor();
        }
        return new GoldenCase(dir.getFileName().toString(), dir, args, env, cwd, flavor, services, stdin, v1,
                release == null ? ComposeRelease.newest(flavor) : release);
    }

    GlobalOptions options() {
        List<String> files = new ArrayList<>();
        List<String> envFiles = new ArrayList<>();
        List<String> profiles = new ArrayList<>();
        String project = null;
        String projectDir = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-f" -> files.add(args.get(++i));
                case "-p" -> project = args.get(++i);
                case "--project-directory" -> projectDir = args.get(++i);
                case "--env-file" -> envFiles.add(args.get(++i));
                case "--profile" -> profiles.add(args.get(++i));
                default -> throw new IllegalArgumentException(name + ": unsupported arg " + a);
            }
        }
        return new GlobalOptions(files, project, projectDir, envFiles, profiles, false, false, null);
    }

    Map<String, String> osEnv() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("HOME", HOME);
        e.put("PWD", cwd.toString());
        e.putAll(env);
        return e;
    }

    LoadRequest request(ComposeFlavor f) throws IOException {
        return request(f == release.flavor() ? release : ComposeRelease.newest(f));
    }

    LoadRequest request(ComposeRelease r) throws IOException {
        return new LoadRequest(cwd, osEnv(), options(), r,
                stdin == null ? null : new ByteArrayInputStream(Files.readAllBytes(stdin)), services);
    }

    /** The loader's summary, or {@code error: <where>: <message>}. */
    String summarize(ComposeFlavor f) throws IOException {
        try {
            return Summary.of(ProjectLoader.load(request(f)), dir);
        } catch (ProjectLoadException e) {
            return "error: " + Summary.rel(e.oneLine(), dir) + "\n";
        }
    }
}
