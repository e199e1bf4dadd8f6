package dev.composeguard.rules.engine;

import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** CG207: two services are given different values for the same init credential (the values are never shown). */
public final class CredentialDisagreement implements EngineRule {

    @Override
    public String code() {
        return "CG207";
    }

    @Override
    public String name() {
        return "credential-disagreement";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Two services are given different values for the same database init credential.";
    }

    @Override
    public boolean needsEngine() {
        return false;
    }

    @Override
    public List<Finding> check(EngineContext ctx) {
        Project p = ctx.project();
        List<Finding> out = new ArrayList<>();
        Map<String, Map<String, Credentials.Value>> byKey = new LinkedHashMap<>();
        for (Service s : p.activeServices()) {
            for (Map.Entry<String, Credentials.Value> c : Credentials.resolve(p, s).entrySet()) {
                byKey.computeIfAbsent(c.getKey(), k -> new LinkedHashMap<>()).put(s.name(), c.getValue());
            }
        }
        for (Map.Entry<String, Map<String, Credentials.Value>> k : byKey.entrySet()) {
            Set<String> distinct = k.getValue().values().stream().map(Credentials.Value::value).collect(Collectors.toSet());
            if (distinct.size() < 2) {
                continue;
            }
            String who = k.getValue().entrySet().stream()
                    .map(x -> x.getKey() + (x.getValue().source() != null && x.getValue().source().isKnown()
                            ? " (from " + x.getValue().source().display(p.workingDir()) + ")" : ""))
                    .collect(Collectors.joining(", "));
            Source first = k.getValue().values().iterator().next().source();
            out.add(finding(first,
                    "services disagree about " + k.getKey() + ": " + who + " get different values; the one that did"
                            + " not initialize the database will fail to authenticate",
                    "set " + k.getKey() + " in one place (one env file) for every service"));
        }
        return out;
    }
}
