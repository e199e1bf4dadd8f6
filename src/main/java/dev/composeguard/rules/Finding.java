package dev.composeguard.rules;

import dev.composeguard.project.Source;

/**
 * One problem a rule found. Messages and hints never contain a secret value: rules that look at environment
 * values say which key, never what it holds.
 *
 * @param code     the stable rule code ({@code CG101})
 * @param rule     the rule's kebab-case name ({@code env-file-hardcoded})
 * @param severity the severity after configuration
 * @param source   where the problem is (file:line:col), or {@link Source#NONE} for the project as a whole
 * @param message  one line: what is wrong
 * @param hint     one line: how to fix it
 */
public record Finding(String code, String rule, Severity severity, Source source, String message, String hint) {

    public Finding {
        source = source == null ? Source.NONE : source;
    }

    public Finding withSeverity(Severity s) {
        return new Finding(code, rule, s, source, message, hint);
    }
}
