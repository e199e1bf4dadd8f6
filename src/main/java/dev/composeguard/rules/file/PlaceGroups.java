package dev.composeguard.rules.file;

import dev.composeguard.rules.Severity;
import dev.composeguard.rules.Rule;
import dev.composeguard.rules.Finding;
import dev.composeguard.project.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finding per rule and place: a YAML anchor, an {@code extends} base or a shared file puts the same line in
 * several services, and a reader wants one line that names them all ({@code services a, b, c: …}), not N copies.
 * Findings are keyed by place, severity and message tail; the hint of the first service is kept.
 */
public final class PlaceGroups {
    private record Key(Source source, Severity severity, String tail) {
    }

    private static final class Group {
        final List<String> services = new ArrayList<>();
        final String hint;

        Group(String hint) {
            this.hint = hint;
        }
    }

    private final Rule rule;
    private final Map<Key, Group> groups = new LinkedHashMap<>();

    public PlaceGroups(Rule rule) {
        this.rule = rule;
    }

    /** A finding whose message reads {@code service <name><tail>}. */
    public void add(Severity severity, Source source, String service, String tail, String hint) {
        Group g = groups.computeIfAbsent(new Key(source, severity, tail), k -> new Group(hint));
        if (!g.services.contains(service)) {
            g.services.add(service);
        }
    }

    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        groups.forEach((k, g) -> out.add(rule.finding(k.severity(), k.source(), subject(g.services) + k.tail(), g.hint)));
        return out;
    }

    /** {@code service a} or {@code services a, b}. */
    public static String subject(List<String> services) {
        return (services.size() == 1 ? "service " : "services ") + String.join(", ", services);
    }
}
