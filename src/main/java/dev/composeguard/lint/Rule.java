package dev.composeguard.lint;

import dev.composeguard.project.Source;
import java.util.List;

/**
 * One lint rule: a pure function of the loaded project, the configuration and (for existence checks) the file
 * system, reached through {@link LintContext}. Codes are stable and never reused.
 */
public interface Rule {

    /** Stable code, {@code CG1xx}. */
    String code();

    /** Kebab-case name ({@code env-file-hardcoded}). */
    String name();

    /** Severity when neither the rule nor the configuration says otherwise. */
    Severity defaultSeverity();

    /** One sentence: what the rule checks (SARIF short description, docs). */
    String summary();

    List<Finding> check(LintContext ctx);

    /** A finding of this rule at its default severity. */
    default Finding finding(Source source, String message, String hint) {
        return new Finding(code(), name(), defaultSeverity(), source, message, hint);
    }

    /** A finding of this rule with an explicit severity (for rules whose cases differ in weight). */
    default Finding finding(Severity severity, Source source, String message, String hint) {
        return new Finding(code(), name(), severity, source, message, hint);
    }
}
