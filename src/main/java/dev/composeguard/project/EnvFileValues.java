package dev.composeguard.project;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one env-file reader: {@code .env}, {@code --env-file}, an include's {@code env_file} and a service's
 * {@code env_file} are all parsed here, in compose's dotenv syntax for the flavor ({@link DotEnv}: compose v2's
 * compose-go rules, v1's python-dotenv differences) or, for {@code format: raw}, docker/cli's kvfile rules. The
 * loader, the lint rules, the credential checks and the guard's fail-closed sniffing all call it, so they cannot
 * disagree on what a file says. Values are secrets: callers never print them.
 */
public final class EnvFileValues {
    private EnvFileValues() {
    }

    /**
     * The entries of an env file's bytes in file order (a later entry wins on a shared key).
     *
     * @param format  {@code "raw"} for docker/cli's kvfile rules, anything else (null) for dotenv
     * @param lookup  variables for interpolation and bare keys (the environment and files read earlier)
     * @param unset   receives unset variables interpolated without default (may be null)
     */
    static List<DotEnv.Entry> entries(byte[] bytes, Path file, String format, Function<String, String> lookup,
            ComposeFlavor flavor, List<String> unset) throws ProjectLoadException {
        if ("raw".equals(format)) {
            return raw(bytes, file, lookup);
        }
        return DotEnv.parse(bytes, file, lookup, flavor == null ? ComposeFlavor.V2 : flavor, unset);
    }

    /**
     * The entries of {@code ref} in file order (a later entry wins on a shared key); empty when the file is missing.
     * Each {@link EnvVar} has the value and the entry's file:line.
     */
    public static List<EnvVar> read(EnvFileRef ref, Environment projectEnv, ComposeFlavor flavor)
            throws ProjectLoadException {
        List<EnvVar> out = new ArrayList<>();
        if (ref.path() == null || !Files.isRegularFile(ref.path())) {
            return out;
        }
        Environment env = projectEnv == null ? Environment.EMPTY : projectEnv;
        for (DotEnv.Entry e : entries(LoadState.read(ref.path()), ref.path(), ref.format(), env::get, flavor, null)) {
            out.add(new EnvVar(e.key(), e.value(), null, e.source()));
        }
        return out;
    }

    /**
     * Whether the env file at {@code file} assigns {@code key} (bare keys inherit from {@code osEnv}). A file that
     * cannot be read or parsed counts as assigning it: callers use this to fail closed.
     */
    public static boolean assigns(Path file, String key, Map<String, String> osEnv, ComposeFlavor flavor) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            for (DotEnv.Entry e : entries(LoadState.read(file), file, null, osEnv::get, flavor, null)) {
                if (e.key().equals(key)) {
                    return true;
                }
            }
            return false;
        } catch (ProjectLoadException | RuntimeException e) {
            return true; // unreadable or broken: cannot rule it out
        }
    }

    /** docker/cli kvfile: left-trimmed lines, # comments, values verbatim; a bare key inherits from the lookup. */
    private static List<DotEnv.Entry> raw(byte[] bytes, Path file, Function<String, String> lookup) {
        List<DotEnv.Entry> out = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            Source where = new Source(file, i + 1, 1);
            if (eq > 0) {
                out.add(new DotEnv.Entry(l.substring(0, eq), l.substring(eq + 1), where));
            } else if (eq < 0) {
                String key = l.strip();
                String value = lookup.apply(key);
                if (value != null) {
                    out.add(new DotEnv.Entry(key, value, where));
                }
            }
        }
        return out;
    }
}
