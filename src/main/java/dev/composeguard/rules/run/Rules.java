package dev.composeguard.rules.run;

import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Rule;
import dev.composeguard.rules.engine.BindTakeover;
import dev.composeguard.rules.engine.CredentialDisagreement;
import dev.composeguard.rules.engine.CredentialDrift;
import dev.composeguard.rules.engine.DataMountMoved;
import dev.composeguard.rules.engine.EnvFileSwitched;
import dev.composeguard.rules.engine.OrphanedData;
import dev.composeguard.rules.engine.OverrideGone;
import dev.composeguard.rules.engine.ProjectRenamed;
import dev.composeguard.rules.file.BindSourceMissing;
import dev.composeguard.rules.file.DataMountInconsistent;
import dev.composeguard.rules.file.DataMountMisplaced;
import dev.composeguard.rules.file.DevTargetInProduction;
import dev.composeguard.rules.file.EnvFileHardcoded;
import dev.composeguard.rules.file.EnvFileMissing;
import dev.composeguard.rules.file.PlaintextSecret;
import dev.composeguard.rules.file.ProjectNameMismatch;
import dev.composeguard.rules.file.RequiredFileMissing;
import dev.composeguard.rules.file.StatefulWithoutVolume;
import dev.composeguard.rules.file.UndefinedVariable;
import dev.composeguard.rules.file.VolumeNameUnpinned;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one registry: every rule, file rules (CG1xx) then engine rules (CG2xx), in code order. Configuration,
 * suppressions, reports and doctor find rules here. Codes are stable and never reused.
 */
public final class Rules {
    private static final List<FileRule> FILE = List.of(
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
    private static final List<EngineRule> ENGINE = List.of(
            new OrphanedData(),
            new ProjectRenamed(),
            new EnvFileSwitched(),
            new OverrideGone(),
            new DataMountMoved(),
            new CredentialDrift(),
            new CredentialDisagreement(),
            new BindTakeover());
    private static final List<Rule> ALL;

    static {
        List<Rule> all = new ArrayList<>(FILE);
        all.addAll(ENGINE);
        ALL = List.copyOf(all);
    }

    private Rules() {
    }

    /** Every rule, file rules first. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The file rules (CG1xx), run by lint and before compose calls. */
    public static List<FileRule> fileRules() {
        return FILE;
    }

    /** The engine rules (CG2xx), run before up/create/run and by doctor. */
    public static List<EngineRule> engineRules() {
        return ENGINE;
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
