package dev.composeguard.ledger;

import dev.composeguard.project.Source;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finding of the deploy-time checks (codes CG2xx, docs/rules/CG2xx.md). Messages never hold a secret value.
 *
 * @param code     stable code, e.g. {@code CG201}
 * @param rule     short rule name, e.g. {@code orphaned-data}
 * @param severity how risky it is
 * @param message  one line: what is wrong and why it matters
 * @param fix      one line: what to do (may be empty)
 * @param source   where it points (NONE when nowhere in particular)
 * @param blocking true when the call is refused without consent
 */
public record DriftFinding(String code, String rule, Severity severity, String message, String fix, Source source,
        boolean blocking) {

    /** Severity by risk, in lint's words (error, warning, info). */
    public enum Severity {
        /** data would be hidden, lost or taken over. */
        ERROR,
        /** the deploy likely differs from the last one in a way that breaks it (credentials, env, overrides). */
        WARNING,
        /** worth knowing. */
        INFO;

        public String lower() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DriftFinding {
        source = source == null ? Source.NONE : source;
        fix = fix == null ? "" : fix;
    }

    /** {@code file:line: CG201 error orphaned-data: message}. */
    public String oneLine(Path relativeTo) {
        String where = source.display(relativeTo);
        return (where.isEmpty() ? "" : where + ": ") + code + " " + severity.lower() + " " + rule + ": " + message;
    }

    public Map<String, Object> toJson(Path relativeTo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("rule", rule);
        m.put("severity", severity.lower());
        m.put("message", message);
        m.put("fix", fix);
        m.put("file", source.file() == null ? null : new Source(source.file(), 0, 0).display(relativeTo));
        m.put("line", source.line());
        m.put("blocking", blocking);
        return m;
    }
}
