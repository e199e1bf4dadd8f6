package dev.composeguard.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The project name and where it comes from (compose-semantics.md §1): {@code -p} > {@code COMPOSE_PROJECT_NAME}
 * (shell, then .env/--env-file) > the last top-level {@code name:} (interpolated, normalized) > the project
 * directory's base name (normalized). v2 rejects an un-normalized {@code -p}/{@code COMPOSE_PROJECT_NAME}; v1
 * normalizes them silently, keeps leading {@code -}/{@code _}, and has no {@code name:}.
 */
public final class ProjectNames {
    private ProjectNames() {
    }

    /** A top-level {@code name:} of one file: raw text, interpolated value, and where. */
    record NameField(String raw, String value, Source source) {
    }

    /** compose v2's {@code NormalizeProjectName}: lower-case (locale-independent), keep [a-z0-9_-], trim leading -_. */
    public static String normalize(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                if (b.length() == 0 && (c == '_' || c == '-')) {
                    continue;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** docker-compose 1.x: lower-case and drop everything but [-_a-z0-9] (leading -/_ kept). */
    public static String normalizeV1(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** v2's validity test: non-empty and already normalized. */
    public static boolean isValid(String s) {
        return !s.isEmpty() && s.equals(normalize(s));
    }

    static ProjectLoadException invalid(String name, Source where) {
        return new ProjectLoadException(where, "invalid project name \"" + name + "\": must consist only of lowercase"
                + " alphanumeric characters, hyphens, and underscores as well as start with a letter or number");
    }

    /**
     * @param flag        {@code -p}, or null
     * @param shellValue  COMPOSE_PROJECT_NAME in the OS env, or null
     * @param fileValue   COMPOSE_PROJECT_NAME from .env/--env-file (only when the shell lacks it), or null
     * @param fileSource  where fileValue is set
     * @param names       top-level {@code name:} of each main file, in load order
     * @param dirName     base name of the project directory
     */
    static ProjectName resolve(ComposeFlavor flavor, String flag, String shellValue, String fileValue,
            Source fileSource, List<NameField> names, String dirName) throws ProjectLoadException {
        List<NameCandidate> cands = candidates(flavor, flag, shellValue, fileValue, fileSource, names, dirName);
        if (flavor == ComposeFlavor.V1) {
            return resolveV1(flag, shellValue, fileValue, fileSource, dirName, cands);
        }
        if (flag != null && !flag.isEmpty()) {
            if (!isValid(flag)) {
                throw invalid(flag, Source.NONE);
            }
            return new ProjectName(flag, NameOrigin.FLAG, Source.NONE, cands);
        }
        if (shellValue != null && !shellValue.isEmpty()) {
            if (!isValid(shellValue)) {
                throw invalid(shellValue, Source.NONE);
            }
            return new ProjectName(shellValue, NameOrigin.SHELL_ENV, Source.NONE, cands);
        }
        if (fileValue != null && !fileValue.isEmpty()) {
            if (!isValid(fileValue)) {
                throw invalid(fileValue, fileSource);
            }
            return new ProjectName(fileValue, NameOrigin.ENV_FILE, fileSource, cands);
        }
        if (!names.isEmpty()) {
            NameField last = names.get(names.size() - 1);
            String n = normalize(last.value());
            if (n.isEmpty()) {
                throw new ProjectLoadException(last.source(), "project name must not be empty");
            }
            return new ProjectName(n, NameOrigin.NAME_FIELD, last.source(), cands);
        }
        String n = normalize(dirName);
        if (n.isEmpty()) {
            throw new ProjectLoadException(Source.NONE, "project name must not be empty (directory \"" + dirName
                    + "\" has no usable characters; use -p or name:)");
        }
        return new ProjectName(n, NameOrigin.DIRECTORY, Source.NONE, cands);
    }

    /** Every place a name could come from, in precedence order (what lint compares). */
    private static List<NameCandidate> candidates(ComposeFlavor flavor, String flag, String shellValue,
            String fileValue, Source fileSource, List<NameField> names, String dirName) {
        List<NameCandidate> cands = new ArrayList<>();
        if (flag != null) {
            cands.add(new NameCandidate(NameOrigin.FLAG, flag, Source.NONE, true));
        }
        if (shellValue != null) {
            cands.add(new NameCandidate(NameOrigin.SHELL_ENV, shellValue, Source.NONE, true));
        }
        if (fileValue != null) {
            cands.add(new NameCandidate(NameOrigin.ENV_FILE, fileValue, fileSource, true));
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            NameField f = names.get(i);
            cands.add(new NameCandidate(NameOrigin.NAME_FIELD, f.raw(), f.source(), flavor == ComposeFlavor.V2));
        }
        cands.add(new NameCandidate(NameOrigin.DIRECTORY, dirName, Source.NONE, true));
        return cands;
    }

    /** docker-compose 1.x: no name: field, no validation, its own normalization. */
    private static ProjectName resolveV1(String flag, String shellValue, String fileValue, Source fileSource,
            String dirName, List<NameCandidate> cands) {
        if (flag != null && !flag.isEmpty()) {
            return new ProjectName(normalizeV1(flag), NameOrigin.FLAG, Source.NONE, cands);
        }
        if (shellValue != null && !shellValue.isEmpty()) {
            return new ProjectName(normalizeV1(shellValue), NameOrigin.SHELL_ENV, Source.NONE, cands);
        }
        if (fileValue != null && !fileValue.isEmpty()) {
            return new ProjectName(normalizeV1(fileValue), NameOrigin.ENV_FILE, fileSource, cands);
        }
        String n = normalizeV1(dirName);
        return new ProjectName(dirName.isEmpty() ? "default" : n, NameOrigin.DIRECTORY, Source.NONE, cands);
    }
}
