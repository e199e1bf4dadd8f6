package dev.composeguard.lint;

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

    public static Result run(LintContext ctx) {
        return run(ctx, Rules.all());
    }

    public static Result run(LintContext ctx, List<Rule> rules) {
        List<Finding> out = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Suppressions suppressions = new Suppressions();
        int suppressed = 0;
        for (Rule rule : rules) {
            LintConfig.RuleSetting setting = ctx.config().setting(rule);
            if (setting != null && !setting.enabled()) {
                continue;
            }
            List<Finding> found;
            try {
                found = rule.check(ctx);
            } catch (RuntimeException e) {
                failures.add(rule.code() + " (" + e.getClass().getSimpleName() + ")");
                continue;
            }
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
        }
        out.sort(ORDER);
        return new Result(out, suppressed, failures, ctx.environment());
    }
}
