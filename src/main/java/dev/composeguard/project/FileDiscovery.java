package dev.composeguard.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which compose files a call loads (compose-semantics.md §2): {@code -f} (repeatable, {@code -} for stdin,
 * relative to the cwd), else {@code COMPOSE_FILE} split on {@code COMPOSE_PATH_SEPARATOR}, else discovery of
 * compose.yaml / compose.yml / docker-compose.yml / docker-compose.yaml upward from {@code --project-directory} or
 * the cwd, with the override file only in the directory where the main file was found. v1 prefers
 * docker-compose.yml and refuses two override files.
 */
final class FileDiscovery {

    static final List<String> V2_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml");
    static final List<String> V2_OVERRIDES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");
    static final List<String> V1_NAMES = List.of("docker-compose.yml", "docker-compose.yaml", "compose.yml",
            "compose.yaml");
    static final List<String> V1_OVERRIDES = List.of("docker-compose.override.yml", "docker-compose.override.yaml",
            "compose.override.yml", "compose.override.yaml");

    /** A compose file to load: {@code path} is null for stdin. */
    record Entry(Path path, FileRole role) {
    }

    /** The files in load order and the directory discovery found them in (null if none was discovered). */
    record Result(List<Entry> files, Path discoveredDir) {
    }

    private FileDiscovery() {
    }

    static Result find(LoadRequest req, Path cwd, Map<String, String> env, Path projectDirOpt, List<String> warnings)
            throws ProjectLoadException {
        ComposeFlavor flavor = req.flavor();
        List<String> flags = req.options().files();
        if (!flags.isEmpty()) {
            return new Result(fromFlags(flags, cwd, env), null);
        }
        String composeFile = env.get("COMPOSE_FILE");
        if (composeFile != null && (flavor == ComposeFlavor.V2 || !composeFile.isEmpty())) {
            return new Result(fromComposeFile(composeFile, cwd, env), null);
        }
        return discover(flavor, cwd, projectDirOpt, warnings);
    }

    private static List<Entry> fromFlags(List<String> flags, Path cwd, Map<String, String> env)
            throws ProjectLoadException {
        List<Entry> out = new ArrayList<>();
        for (String f : flags) {
            if (f.equals("-")) {
                out.add(new Entry(null, FileRole.STDIN));
                continue;
            }
            if (LoaderPaths.isRemote(f) || f.startsWith("oci://")) {
                throw new ProjectLoadException(Source.NONE, "-f " + f
                        + ": remote compose files are not modelled by compose-guard (only local files)");
            }
            Path p = cwd.resolve(LoaderPaths.expandHome(f, env)).normalize();
            if (!Files.exists(p)) {
                throw new ProjectLoadException(Source.of(p), "no such file or directory (named by -f)");
            }
            out.add(new Entry(p, FileRole.FLAG));
        }
        return out;
    }

    private static List<Entry> fromComposeFile(String composeFile, Path cwd, Map<String, String> env)
            throws ProjectLoadException {
        List<Entry> out = new ArrayList<>();
        String sep = env.get("COMPOSE_PATH_SEPARATOR");
        if (sep == null || sep.isEmpty()) {
            sep = ":";
        }
        for (String f : split(composeFile, sep)) {
            Path p = cwd.resolve(f).normalize();
            if (!Files.exists(p)) {
                throw new ProjectLoadException(Source.of(p), "no such file or directory (named by COMPOSE_FILE)");
            }
            out.add(new Entry(p, FileRole.COMPOSE_FILE_ENV));
        }
        return out;
    }

    /** Upward from the project directory (v1: the cwd first) to the first directory holding a compose file. */
    private static Result discover(ComposeFlavor flavor, Path cwd, Path projectDirOpt, List<String> warnings)
            throws ProjectLoadException {
        List<String> names = flavor == ComposeFlavor.V1 ? V1_NAMES : V2_NAMES;
        List<String> overrides = flavor == ComposeFlavor.V1 ? V1_OVERRIDES : V2_OVERRIDES;
        Path dir;
        if (flavor == ComposeFlavor.V1) {
            dir = searchUp(cwd, names);
            if (dir == null && projectDirOpt != null) {
                dir = searchUp(projectDirOpt, names);
            }
        } else {
            dir = searchUp(projectDirOpt != null ? projectDirOpt : cwd, names);
        }
        if (dir == null) {
            throw new ProjectLoadException(Source.NONE, flavor == ComposeFlavor.V1
                    ? "Can't find a suitable configuration file in this directory or any parent. Are you in the right directory?"
                    : "no configuration file provided: not found");
        }
        List<Entry> out = new ArrayList<>();
        List<String> found = present(dir, names);
        if (found.size() > 1) {
            warnings.add("Found multiple config files with supported names: " + String.join(", ", abs(dir, found)));
            warnings.add("Using " + dir.resolve(found.get(0)));
        }
        out.add(new Entry(dir.resolve(found.get(0)), FileRole.DISCOVERED));
        List<String> ovr = present(dir, overrides);
        if (ovr.size() > 1) {
            if (flavor == ComposeFlavor.V1) {
                throw new ProjectLoadException(Source.of(dir.resolve(ovr.get(0))),
                        "Multiple override files found: " + String.join(", ", ovr) + ". You may only use a single override file.");
            }
            warnings.add("Found multiple override files with supported names: " + String.join(", ", abs(dir, ovr)));
            warnings.add("Using " + dir.resolve(ovr.get(0)));
        }
        if (!ovr.isEmpty()) {
            out.add(new Entry(dir.resolve(ovr.get(0)), FileRole.OVERRIDE));
        }
        return new Result(out, dir);
    }

    private static List<String> abs(Path dir, List<String> names) {
        List<String> r = new ArrayList<>();
        for (String n : names) {
            r.add(dir.resolve(n).toString());
        }
        return r;
    }

    static List<String> split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (true) {
            int k = s.indexOf(sep, from);
            if (k < 0) {
                parts.add(s.substring(from));
                return parts;
            }
            parts.add(s.substring(from, k));
            from = k + sep.length();
        }
    }

    private static Path searchUp(Path start, List<String> names) {
        for (Path d = start; d != null; d = d.getParent()) {
            if (!present(d, names).isEmpty()) {
                return d;
            }
        }
        return null;
    }

    private static List<String> present(Path dir, List<String> names) {
        List<String> r = new ArrayList<>();
        for (String n : names) {
            if (Files.isRegularFile(dir.resolve(n))) {
                r.add(n);
            }
        }
        return r;
    }
}
