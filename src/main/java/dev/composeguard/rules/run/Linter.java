package dev.composeguard.rules.run;

import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Environments;
import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.Severity;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs rules, applies the configuration and inline suppressions, and orders the findings. */
public final class Linter {

    /** What one run found. {@code ruleFailures} names rules that crashed (a bug; the run saw less). */
    public record Result(List<Finding> findings, int suppressed, List<String> ruleFailures,
            Environments.Selection environment) {
        public Result {
            findings = List.copyOf(findings);
            ruleFailures = List.copyOf(ruleFailures);
        }

        public long count(Severity s) {
            return findings.stream().filter(f -> f.severity() == s).count();
        }

        /** True when some finding is at least as bad as {@code threshold}. */
        public boolean failsAt(Severity threshold) {
            return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
        }
    }

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.source().isKnown() ? f.source().file().toString() : "")
            .thenComparingInt(f -> f.source().line())
            .thenComparingInt(f -> f.source().column())
            .thenComparing(Finding::code);

    private Linter() {
    }

    public static Result run(FileContext ctx) {
        return run(ctx, Rules.fileRules());
    }

    public static Result run(FileContext ctx, List<? extends FileRule> rules) {
        List<Finding> out = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Suppressions suppressions = new Suppressions();
        int suppressed = 0;
        for (FileRule rule : rules) {
            if (!enabled(rule, ctx.config())) {
                continue;
            }
            List<Finding> found;
            try {
                found = rule.check(ctx);
            } catch (RuntimeException e) {
                failures.add(rule.code() + " (" + e.getClass().getSimpleName() + ")");
                continue;
            }
            suppressed += keep(rule, found, ctx.config(), suppressions, out);
            dev.composeguard.core.Timings.mark("lint: " + rule.code());
        }
        out.sort(ORDER);
        return new Result(out, suppressed, failures, ctx.environment());
    }

    /** False when {@code .compose-guard.yml} turns the rule off. */
    static boolean enabled(Rule rule, RuleConfig config) {
        RuleConfig.RuleSetting setting = config.setting(rule);
        return setting == null || setting.enabled();
    }

    /**
     * Adds {@code found} to {@code out} with the configured severity, leaving out what a comment suppresses; returns
     * how many were suppressed. File and engine rules go through this one place.
     */
    static int keep(Rule rule, List<Finding> found, RuleConfig config, Suppressions suppressions, List<Finding> out) {
        RuleConfig.RuleSetting setting = config.setting(rule);
        int suppressed = 0;
        for (Finding f : found) {
            if (setting != null && setting.severity() != null) {
                f = f.withSeverity(setting.severity());
            }
            if (suppressions.suppressed(f)) {
                suppressed++;
                continue;
            }
            out.add(f);
        }
        return suppressed;
    }
}
