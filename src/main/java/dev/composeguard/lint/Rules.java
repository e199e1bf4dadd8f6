package dev.composeguard.lint;

import dev.composeguard.lint.rules.BindSourceMissing;
import dev.composeguard.lint.rules.DataMountMisplaced;
import dev.composeguard.lint.rules.DataMountInconsistent;
import dev.composeguard.lint.rules.DevTargetInProduction;
import dev.composeguard.lint.rules.EnvFileHardcoded;
import dev.composeguard.lint.rules.EnvFileMissing;
import dev.composeguard.lint.rules.PlaintextSecret;
import dev.composeguard.lint.rules.ProjectNameMismatch;
import dev.composeguard.lint.rules.RequiredFileMissing;
import dev.composeguard.lint.rules.StatefulWithoutVolume;
import dev.composeguard.lint.rules.UndefinedVariable;
import dev.composeguard.lint.rules.VolumeNameUnpinned;
import java.util.List;
import java.util.Locale;

/** Every rule, in code order. Codes are stable and never reused. */
public final class Rules {
    private static final List<Rule> ALL = List.of(
            new EnvFileHardcoded(),
            new ProjectNameMismatch(),
            new RequiredFileMissing(),
            new DevTargetInProduction(),
            new DataMountInconsistent(),
            new StatefulWithoutVolume(),
            new BindSourceMissing(),
            new PlaintextSecret(),
            new UndefinedVariable(),
            new EnvFileMissing(),
            new VolumeNameUnpinned(),
            new DataMountMisplaced());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    /** A rule by code ({@code CG101}, any case) or name ({@code env-file-hardcoded}), or null. */
    public static Rule find(String id) {
        if (id == null) {
            return null;
        }
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (Rule r : ALL) {
            if (r.code().toLowerCase(Locale.ROOT).equals(s) || r.name().equals(s)) {
                return r;
            }
        }
        return null;
    }

    /** Where a rule's documentation lives (docs/rules/CGxxx.md), for SARIF help URIs. */
    public static String helpUri(Rule r, String base) {
        return base + r.code() + ".md";
    }
}
