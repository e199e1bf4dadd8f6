package dev.composeguard.lint;

import java.util.Locale;
import java.util.Map;

/** Whether to colour output: only on a terminal, never with NO_COLOR or {@code --ansi never}. */
public final class Colors {
    private Colors() {
    }

    /**
     * @param env      the process environment
     * @param ansi     the {@code --ansi} value (never, always, auto) or null
     * @param terminal whether the stream goes to a terminal
     */
    public static boolean enabled(Map<String, String> env, String ansi, boolean terminal) {
        String a = ansi == null ? "auto" : ansi.toLowerCase(Locale.ROOT);
        if (a.equals("never") || env.containsKey("NO_COLOR")) {
            return false;
        }
        if (a.equals("always")) {
            return true;
        }
        return terminal && !"dumb".equals(env.get("TERM"));
    }
}
