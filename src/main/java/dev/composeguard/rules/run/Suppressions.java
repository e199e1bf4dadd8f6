package dev.composeguard.rules.run;

import dev.composeguard.rules.run.Rules;
import dev.composeguard.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppression: {@code # compose-guard: ignore CG108 reason} at the end of the finding's line, or on a
 * comment line directly above it (several comment lines above are all read). Codes may be separated by commas
 * or spaces; rule names work too; everything after the codes is the reason.
 */
public final class Suppressions {
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*compose-guard:\\s*ignore\\b(.*)$",
            Pattern.CASE_INSENSITIVE);
    private final Map<Path, List<String>> cache = new HashMap<>();

    /** True when a comment suppresses {@code f} (findings without a line cannot be suppressed inline). */
    public boolean suppressed(Finding f) {
        if (!f.source().isKnown() || f.source().line() <= 0) {
            return false;
        }
        List<String> lines = lines(f.source().file());
        int i = f.source().line() - 1;
        if (i >= lines.size()) {
            return false;
        }
        if (mentions(lines.get(i), f)) {
            return true;
        }
        for (int j = i - 1; j >= 0; j--) {
            String l = lines.get(j).strip();
            if (!l.startsWith("#")) {
                break;
            }
            if (mentions(l, f)) {
                return true;
            }
        }
        return false;
    }

    static boolean mentions(String line, Finding f) {
        Matcher m = DIRECTIVE.matcher(line);
        if (!m.find()) {
            return false;
        }
        for (String token : m.group(1).trim().split("[\\s,]+")) {
            String t = token.toLowerCase(Locale.ROOT);
            if (t.equals(f.code().toLowerCase(Locale.ROOT)) || t.equals(f.rule()) || t.equals("all")) {
                return true;
            }
            if (!t.matches("cg\\d+") && Rules.find(t) == null) {
                return false; // the reason starts here
            }
        }
        return false;
    }

    private List<String> lines(Path file) {
        return cache.computeIfAbsent(file, p -> {
            try {
                return Files.readAllLines(p, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
    }
}
