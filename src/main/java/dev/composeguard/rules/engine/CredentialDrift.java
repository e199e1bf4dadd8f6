package dev.composeguard.rules.engine;

import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineSnapshot;
import dev.composeguard.engine.VolumeUsage;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CG206: a volume that already holds data will be started with other init credentials than the ones it was
 * initialized with (compared with the old container's environment, else the ledger's salted hashes).
 */
public final class CredentialDrift implements EngineRule {

    @Override
    public String code() {
        return "CG206";
    }

    @Override
    public String name() {
        return "credential-drift";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A database volume that holds data will be started with other init credentials than it was"
                + " initialized with.";
    }

    /** The credentials that changed and what they were compared against. */
    private record Change(List<String> keys, String against) {
    }

    @Override
    public List<Finding> check(EngineContext ctx) {
        Project p = ctx.project();
        EngineSnapshot e = ctx.engine();
        List<Finding> out = new ArrayList<>();
        List<EngineContainer> pool = e.related(p.name().value(), p.workingDir().toString(), true);
        for (Service s : p.activeServices()) {
            Map<String, Credentials.Value> now = Credentials.resolve(p, s);
            for (Mount m : s.mounts()) {
                if (!m.isNamedVolume()) {
                    continue;
                }
                String vol = DriftText.engineName(p, m);
                if (e.volume(vol).isEmpty()) {
                    continue;
                }
                EngineContainer init = pool.stream()
                        .filter(c -> c.mounts().stream().anyMatch(cm -> vol.equals(cm.name())))
                        .sorted((a, b) -> Boolean.compare(!s.name().equals(a.service()), !s.name().equals(b.service())))
                        .findFirst().orElse(null);
                Change change = init != null ? againstContainer(init, now) : againstLedger(ctx, s, now);
                if (change == null || change.keys().isEmpty()) {
                    continue;
                }
                VolumeUsage u = e.usage(vol);
                if (u != null && !u.isEmpty()) {
                    out.add(finding(p, s, m, vol, u, now, change));
                }
            }
        }
        return out;
    }

    /** The keys whose value differs from the old container's environment; null when neither side has any. */
    private static Change againstContainer(EngineContainer init, Map<String, Credentials.Value> now) {
        Map<String, String> old = Credentials.fromContainerEnv(init.env());
        if (old.isEmpty() && now.isEmpty()) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>(old.keySet());
        keys.addAll(now.keySet());
        List<String> changed = new ArrayList<>();
        for (String k : keys) {
            Credentials.Value n = now.get(k);
            if (!Objects.equals(old.get(k), n == null ? null : n.value())) {
                changed.add(k);
            }
        }
        return new Change(changed, "container " + init.name() + " (" + init.state() + ")");
    }

    /** The keys whose salted hash differs from the last deploy's; null when the ledger has nothing to compare. */
    private static Change againstLedger(EngineContext ctx, Service s, Map<String, Credentials.Value> now) {
        Map<String, Object> recorded = ctx.last().credentials(s.name());
        if (recorded.isEmpty() || ctx.salt() == null) {
            return null;
        }
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Object> r : recorded.entrySet()) {
            Credentials.Value n = now.get(r.getKey());
            if (n == null || !Credentials.hash(ctx.salt(), r.getKey(), n.value()).equals(r.getValue())) {
                changed.add(r.getKey());
            }
        }
        return new Change(changed, "the last deploy recorded in the ledger (" + ctx.last().time() + ")");
    }

    private Finding finding(Project p, Service s, Mount m, String vol, VolumeUsage u, Map<String, Credentials.Value> now,
            Change change) {
        Source where = change.keys().stream().map(now::get).filter(Objects::nonNull).map(Credentials.Value::source)
                .filter(src -> src != null && src.isKnown()).findFirst().orElse(m.declared());
        String from = change.keys().stream().map(k -> {
            Credentials.Value n = now.get(k);
            return k + (n == null ? " (no longer set)" : n.source() != null && n.source().isKnown()
                    ? " (from " + n.source().display(p.workingDir()) + ")" : "");
        }).collect(Collectors.joining(", "));
        return finding(where,
                "service " + s.name() + " will get " + from + " different from " + change.against()
                        + ", but volume " + vol + " already holds data (" + DriftText.human(u.bytes())
                        + "): the database reads init credentials only into an empty data directory, so it"
                        + " keeps the old ones and logins with the new values will fail (authentication failed)",
                "use the env file the data was initialized with, or change the credentials inside the database"
                        + " first (ALTER USER / db.changeUserPassword) and then in the env file");
    }
}
