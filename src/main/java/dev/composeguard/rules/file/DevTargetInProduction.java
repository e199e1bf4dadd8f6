package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CG104: in a production (or staging) selection, a service builds a Dockerfile target named like a development
 * stage because no production file overrides it.
 */
public final class DevTargetInProduction implements FileRule {
    private static final Set<String> DEV_WORDS = Set.of("dev", "development", "develop", "devel", "debug", "test",
            "testing", "local");

    @Override
    public String code() {
        return "CG104";
    }

    @Override
    public String name() {
        return "dev-target-in-production";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A production selection builds a development Dockerfile target (dev, debug, test …).";
    }

    /** True for targets such as {@code dev}, {@code development}, {@code dev-server}, {@code test}. */
    public static boolean isDevTarget(String target) {
        if (target == null) {
            return false;
        }
        for (String w : target.toLowerCase(Locale.ROOT).split("[-_.]+")) {
            if (DEV_WORDS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        var sel = ctx.environment();
        if (!sel.productionLike()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Service s : ctx.project().activeServices()) {
            if (s.build() == null || !isDevTarget(s.build().target())) {
                continue;
            }
            var at = s.build().targetSource().isKnown() ? s.build().targetSource() : s.build().source();
            out.add(finding(at, "service " + s.name() + " builds Dockerfile target \"" + s.build().target()
                    + "\" (set in " + ctx.at(at) + ") in a " + sel.name() + " selection (" + sel.reason()
                    + "); no " + sel.name() + " file overrides it",
                    "set build.target to the production stage in the " + sel.name()
                            + " compose file (or make the production stage the Dockerfile's last stage and drop target from the base file)"));
        }
        return out;
    }
}
