package dev.composeguard.project;

import java.nio.file.Path;

/**
 * Where a value came from: a file and a 1-based line and column (0 when unknown, e.g. a value from the shell
 * environment or a command-line flag, where {@code file} is null).
 */
public record Source(Path file, int line, int column) {

    public static final Source NONE = new Source(null, 0, 0);

    public static Source of(Path file) {
        return new Source(file, 0, 0);
    }

    public boolean isKnown() {
        return file != null;
    }

    /** {@code file:line:col}, {@code file:line} or {@code file}, as diagnostics print it. */
    public String display(Path relativeTo) {
        if (file == null) {
            return "";
        }
        String f = relativeTo != null && file.isAbsolute() && file.startsWith(relativeTo)
                ? relativeTo.relativize(file).toString()
                : file.toString();
        if (line <= 0) {
            return f;
        }
        return column > 0 ? f + ":" + line + ":" + column : f + ":" + line;
    }

    @Override
    public String toString() {
        return display(null);
    }
}
