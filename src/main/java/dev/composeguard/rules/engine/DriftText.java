package dev.composeguard.rules.engine;

import dev.composeguard.project.Mount;
import dev.composeguard.project.NameCandidate;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectName;
import dev.composeguard.project.Source;
import dev.composeguard.project.Volume;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the engine rules describe names, sizes, paths and mounts in their messages (never a secret value). */
public final class DriftText {
    private DriftText() {
    }

    /** Where the project name came from, for a human: {@code COMPOSE_PROJECT_NAME in .env.prod:1}. */
    public static String nameSource(ProjectName n, Path wd) {
        String at = n.source() == null || !n.source().isKnown() ? "" : " (" + n.source().display(wd) + ")";
        if (n.origin() == null) {
            return "an unknown place";
        }
        switch (n.origin()) {
            case FLAG:
                return "the -p/--project-name flag";
            case SHELL_ENV:
                return "COMPOSE_PROJECT_NAME in the shell environment";
            case ENV_FILE:
                return "COMPOSE_PROJECT_NAME in an env file" + at;
            case NAME_FIELD:
                return "the top-level name:" + at;
            case DIRECTORY:
                return "the project directory's name (" + wd.getFileName() + ")";
            case CONFIG:
                return "the name pinned in .compose-guard.yml" + at;
            default:
                return n.origin().name() + at;
        }
    }

    /** Where the project name is set, for a finding's location (NONE when it is not in a file). */
    static Source nameSourceLocation(ProjectName n) {
        if (n.source() != null && n.source().isKnown()) {
            return n.source();
        }
        for (NameCandidate c : n.candidates()) {
            if (c.effective() && c.origin() == n.origin() && c.source() != null && c.source().isKnown()) {
                return c.source();
            }
        }
        return Source.NONE;
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] u = {"KB", "MB", "GB", "TB"};
        double b = bytes;
        int i = -1;
        while (b >= 1024 && i < u.length - 1) {
            b /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", b, u[i]);
    }

    /** The engine name of a named-volume mount's volume. */
    static String engineName(Project p, Mount m) {
        Volume v = p.volumes().get(m.source());
        return v == null ? m.source() : v.engineName();
    }

    static String describe(List<String> files, Path wd) {
        if (files.isEmpty()) {
            return "no env file";
        }
        return files.stream().map(f -> rel(f, wd)).collect(Collectors.joining(", "));
    }

    static String rel(String path, Path wd) {
        if (path == null) {
            return "?";
        }
        Path f = Path.of(path);
        return f.isAbsolute() && f.startsWith(wd) ? wd.relativize(f).toString() : path;
    }
}
