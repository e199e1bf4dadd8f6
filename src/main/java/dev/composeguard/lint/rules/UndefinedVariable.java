package dev.composeguard.lint.rules;

import dev.composeguard.lint.Finding;
import dev.composeguard.lint.LintContext;
import dev.composeguard.lint.Rule;
import dev.composeguard.lint.Severity;
import dev.composeguard.project.VariableUse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CG109: a variable is interpolated while unset and without a default; compose substitutes an empty string. */
public final class UndefinedVariable implements Rule {
    @Override
    public String code() {
        return "CG109";
    }

    @Override
    public String name() {
        return "undefined-variable";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A variable is interpolated while unset and without a default; compose substitutes an empty string.";
    }

    @Override
    public List<Finding> check(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (VariableUse u : ctx.project().unsetVariables()) {
            if (!seen.add(u.name() + "|" + u.source())) {
                continue;
            }
            out.add(finding(u.source(), "variable " + u.name() + " is not set and has no default: compose uses an empty string",
                    "set " + u.name() + " in the env file this deploy reads, or write ${" + u.name()
                            + ":?message} to fail instead, or ${" + u.name() + ":-default}"));
        }
        return out;
    }
}
