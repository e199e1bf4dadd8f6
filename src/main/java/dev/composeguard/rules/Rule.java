package dev.composeguard.rules;

import dev.composeguard.project.Source;

/**
 * One rule, file or engine: a stable code, a name, a default severity and a one-sentence summary. A rule is one class
 * that checks one thing and returns findings; it never prints and never decides. Codes are stable and never reused:
 * {@code CG1xx} are {@link FileRule}s (the compose files alone), {@code CG2xx} are {@link EngineRule}s (the files
 * against the engine's state and the last recorded deploy).
 */
public sealed interface Rule permits FileRule, EngineRule {

    /** Stable code, {@code CG101}. */
    String code();

    /** Kebab-case name ({@code env-file-hardcoded}). */
    String name();

    /** Severity when neither the rule nor the configuration says otherwise. */
    Severity defaultSeverity();

    /** One sentence: what the rule checks (SARIF short description, docs, doctor). */
    String summary();

    /** A finding of this rule at its default severity. */
    default Finding finding(Source source, String message, String hint) {
        return new Finding(code(), name(), defaultSeverity(), source, message, hint);
    }

    /** A finding of this rule with an explicit severity (for rules whose cases differ in weight). */
    default Finding finding(Severity severity, Source source, String message, String hint) {
        return new Finding(code(), name(), severity, source, message, hint);
    }
}
