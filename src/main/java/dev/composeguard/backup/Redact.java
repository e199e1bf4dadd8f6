package dev.composeguard.backup;

import java.util.List;

/** Blanks out values of an environment (KEY=VALUE list) in a message before it is shown. */
final class Redact {
    private Redact() {
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
