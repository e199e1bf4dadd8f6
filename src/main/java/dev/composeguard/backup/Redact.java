package dev.composeguard.backup;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Blanks out values of an environment (KEY=VALUE list) in a message before it is shown. */
final class Redact {
    /** What a manifest records instead of a label or driver option value built from an env file. */
    static final String REDACTED = "<redacted: from an env file>";

    private Redact() {
    }

    /**
     * {@code values} (volume labels, driver options) with every value that equals or contains an env-file value
     * replaced by {@link #REDACTED}: the manifest (and {@code backups list --format json}, which prints it) never
     * holds a value from .env or an --env-file. Compose's own labels ({@code com.docker.compose.*}: project, volume
     * key, version) are identifiers and are kept, so that a restore re-creates a volume compose recognises.
     */
    static Map<String, String> fromEnvFiles(Map<String, String> values, Collection<String> envFileValues) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, !k.startsWith("com.docker.compose.") && v != null
                && envFileValues.stream().anyMatch(s -> !s.isEmpty() && (v.equals(s) || s.length() >= 4 && v.contains(s)))
                ? REDACTED : v));
        return out;
    }

    static String values(String message, List<String> env) {
        String out = message;
        for (String kv : env) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = kv.substring(eq + 1);
            if (v.length() >= 4) {
                out = out.replace(v, "***");
            }
        }
        return out;
    }
}
