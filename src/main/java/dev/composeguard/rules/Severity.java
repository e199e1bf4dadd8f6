package dev.composeguard.rules;

import java.util.Locale;

/** How bad a finding is. Ordered from worst to mildest. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** Lower-case name as printed and as written in config and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as bad as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Parses {@code error|warning|info} (also {@code warn}); null when it is none of them. */
    public static Severity parse(String s) {
        if (s == null) {
            return null;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "error":
                return ERROR;
            case "warning":
            case "warn":
                return WARNING;
            case "info":
            case "note":
                return INFO;
            default:
                return null;
        }
    }
}
