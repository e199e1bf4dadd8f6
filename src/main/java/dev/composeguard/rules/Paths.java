package dev.composeguard.rules;

import dev.composeguard.project.Source;
import java.nio.file.Path;

/** Paths as lint prints them: relative to the working directory when that is shorter. */
public final class Paths {
    private Paths() {
    }

    public static String rel(Path cwd, Path p) {
        if (p == null) {
            return "";
        }
        if (cwd != null && p.isAbsolute() && cwd.isAbsolute()) {
            try {
                String r = cwd.relativize(p.normalize()).toString();
                if (r.startsWith("../../")) {
                    return p.normalize().toString(); // far away: the absolute path reads better
                }
                return r.isEmpty() ? "." : r;
            } catch (IllegalArgumentException e) {
                return p.toString();
            }
        }
        return p.toString();
    }

    /** {@code file:line} (or {@code file}) relative to {@code cwd}. */
    public static String at(Path cwd, Source s) {
        if (s == null || !s.isKnown()) {
            return "";
        }
        String f = rel(cwd, s.file());
        return s.line() > 0 ? f + ":" + s.line() : f;
    }
}
