package dev.composeguard.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project environment, per compose-go: the OS env wins, PWD if missing, then the {@code --env-file}s (which
 * replace .env) or the first-pass .env, then (compose releases that read it from the working directory) the
 * second-pass .env of the project directory, each adding only keys still unset.
 */
final class LoadEnvironment {
    private final LoadState st;
    private final Path projectDirOpt;
    private final List<String> flagEnvFiles;
    private boolean disableDotEnv;
    private Path firstDotEnv;

    LoadEnvironment(LoadState st, Path projectDirOpt) {
        this.st = st;
        this.projectDirOpt = projectDirOpt;
        this.flagEnvFiles = flagEnvFiles(st);
    }

    /** The environment before the compose files are found. */
    void first() throws ProjectLoadException {
        Map<String, String> os = st.osEnv();
        st.env.putAll(os);
        if (st.flavor == ComposeFlavor.V2 && !st.env.containsKey("PWD")) {
            st.env.put("PWD", st.cwd.toString());
        }
        disableDotEnv = st.flavor == ComposeFlavor.V2 && parseGoBool(os.get("COMPOSE_DISABLE_ENV_FILE"));
        if (!flagEnvFiles.isEmpty()) {
            readFlagFiles();
        } else if (!disableDotEnv) {
            firstDotEnv = firstDotEnvDir().resolve(".env");
            readDotEnv(firstDotEnv);
        }
    }

    /** The second-pass .env, once the working directory is known. */
    void second(Path workingDir) throws ProjectLoadException {
        if (st.flavor == ComposeFlavor.V2 && flagEnvFiles.isEmpty() && !disableDotEnv
                && st.req.release().dotEnvFromWorkingDirFirst()) {
            Path second = workingDir.resolve(".env");
            if (!second.equals(firstDotEnv)) {
                readDotEnv(second); // adds only keys still unset
            }
        }
    }

    private static List<String> flagEnvFiles(LoadState st) {
        List<String> out = new ArrayList<>(st.req.options().envFiles());
        if (out.isEmpty() && st.flavor == ComposeFlavor.V2) {
            String fromEnv = st.osEnv().get("COMPOSE_ENV_FILES");
            if (fromEnv != null && !fromEnv.isEmpty()) {
                for (String f : fromEnv.split(",")) {
                    if (!f.isBlank()) {
                        out.add(f.trim());
                    }
                }
            }
        }
        if (st.flavor == ComposeFlavor.V1 && out.size() > 1) {
            return List.of(out.get(out.size() - 1)); // docopt keeps one value
        }
        return out;
    }

    private void readFlagFiles() throws ProjectLoadException {
        Map<String, String> os = st.osEnv();
        Map<String, String> fromFlags = new LinkedHashMap<>();
        Map<String, Source> flagOrigins = new LinkedHashMap<>();
        for (String f : flagEnvFiles) {
            Path p = LoaderPaths.absolute(st.cwd, f, os);
            if (!Files.isRegularFile(p)) {
                throw new ProjectLoadException(Source.of(p), "couldn't find env file: " + p);
            }
            byte[] bytes = LoadState.read(p);
            st.envFiles.add(new EnvFile(p, EnvFileRole.FLAG, true, Sha256.of(bytes), Source.NONE));
            // later --env-file wins over earlier ones; the OS env wins over all
            for (DotEnv.Entry e : EnvFileValues.entries(bytes, p, null,
                    k -> os.containsKey(k) ? os.get(k) : fromFlags.get(k), st.flavor, null)) {
                fromFlags.put(e.key(), e.value());
                flagOrigins.put(e.key(), e.source());
            }
        }
        fromFlags.forEach((k, v) -> {
            if (!st.env.containsKey(k)) {
                st.env.put(k, v);
                st.origins.put(k, flagOrigins.get(k));
            }
        });
    }

    /** --project-directory, else the first -f's directory, else (compose 2.26) where discovery finds a file. */
    private Path firstDotEnvDir() {
        Path dir = projectDirOpt;
        if (dir == null) {
            for (String f : st.req.options().files()) {
                if (!f.equals("-")) {
                    dir = LoaderPaths.absolute(st.cwd, f, st.osEnv()).getParent();
                    break;
                }
            }
        }
        if (dir == null && st.flavor == ComposeFlavor.V2 && !st.req.release().dotEnvFromWorkingDirFirst()) {
            dir = discoveredDir();
        }
        return dir == null ? st.cwd : dir;
    }

    private void readDotEnv(Path p) throws ProjectLoadException {
        if (!Files.isRegularFile(p)) {
            return; // a missing .env (or a directory named .env) is ignored
        }
        byte[] bytes = LoadState.read(p);
        st.envFiles.add(new EnvFile(p, EnvFileRole.DOTENV, true, Sha256.of(bytes), Source.NONE));
        Map<String, String> snapshot = new HashMap<>(st.env);
        List<String> unset = new ArrayList<>();
        Map<String, DotEnv.Entry> last = new LinkedHashMap<>();
        for (DotEnv.Entry e : EnvFileValues.entries(bytes, p, null, snapshot::get, st.flavor, unset)) {
            last.put(e.key(), e); // a later line of the same file wins
        }
        for (DotEnv.Entry e : last.values()) {
            if (!st.env.containsKey(e.key())) {
                st.env.put(e.key(), e.value());
                st.origins.put(e.key(), e.source());
            }
        }
        for (String u : unset) {
            st.interpolation.warnUnset(u, Source.of(p), "");
        }
    }

    /**
     * compose 2.26's .env directory without {@code -f} and {@code --project-directory}: where discovery (or an OS-env
     * {@code COMPOSE_FILE}) finds the first file; the cwd when nothing is found (loading then fails on its own).
     */
    private Path discoveredDir() {
        try {
            for (FileDiscovery.Entry e : FileDiscovery.find(st.req, st.cwd, st.env, projectDirOpt, new ArrayList<>())
                    .files()) {
                if (e.path() != null) {
                    return e.path().getParent();
                }
            }
        } catch (ProjectLoadException e) {
            return null;
        }
        return null;
    }

    private static boolean parseGoBool(String v) throws ProjectLoadException {
        if (v == null || v.isEmpty()) {
            return false;
        }
        switch (v) {
            case "1": case "t": case "T": case "TRUE": case "true": case "True":
                return true;
            case "0": case "f": case "F": case "FALSE": case "false": case "False":
                return false;
            default:
                throw new ProjectLoadException(Source.NONE, "COMPOSE_DISABLE_ENV_FILE: strconv.ParseBool: parsing \""
                        + v + "\": invalid syntax");
        }
    }
}
