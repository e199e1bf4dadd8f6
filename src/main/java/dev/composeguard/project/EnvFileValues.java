package dev.composeguard.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The values a service's {@code env_file} gives its container, parsed as compose parses them (dotenv syntax with
 * interpolation against the project environment, or {@code format: raw}). For checks that must compare values
 * (credential drift); values are secrets: callers never print them.
 */
public final class EnvFileValues {
    private EnvFileValues() {
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(ref.path());
        } catch (IOException e) {
            throw new ProjectLoadException(ref.source(), "cannot read env file " + ref.path() + ": " + e.getMessage(), e);
        }
        if ("raw".equals(ref.format())) {
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].stripLeading();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                String key = eq < 0 ? l.strip() : l.substring(0, eq);
                String value = eq < 0 ? (projectEnv == null ? null : projectEnv.get(key)) : l.substring(eq + 1);
                out.add(new EnvVar(key, value, null, new Source(ref.path(), i + 1, 1)));
            }
            return out;
        }
        Environment env = projectEnv == null ? Environment.EMPTY : projectEnv;
        for (DotEnv.Entry e : DotEnv.parse(bytes, ref.path(), env::get, flavor == null ? ComposeFlavor.V2 : flavor, null)) {
            out.add(new EnvVar(e.key(), e.value(), null, e.source()));
        }
        return out;
    }
}
