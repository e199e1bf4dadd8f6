package dev.composeguard.rules.run;

import dev.composeguard.engine.EngineReads;
import dev.composeguard.engine.EngineSnapshot;
import dev.composeguard.project.Project;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.LastDeploy;
import dev.composeguard.rules.RuleConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the engine rules (CG2xx) with the same configuration and inline suppressions as the file rules. Rules that
 * read only the project and the last deploy run first and never connect; the engine is asked only when an enabled
 * rule needs it and the project has a data mount (nothing in the engine to protect otherwise). The engine's findings
 * come first (orphaned data, credential drift, bind-mount takeover), then what changed since the last deploy.
 * Rule failures propagate: a deploy-time check that cannot run fails the call closed.
 */
public final class EngineChecks {
    private EngineChecks() {
    }

    /**
     * @param connector the engine, asked at most once; the client it gives is closed here
     * @param salt      the ledger's salt for credential hashes, or null
     */
    public static Linter.Result run(Project p, RuleConfig config, LastDeploy last, byte[] salt,
            Supplier<EngineReads> connector) {
        return run(p, config, last, salt, connector, Rules.engineRules());
    }

    public static Linter.Result run(Project p, RuleConfig config, LastDeploy last, byte[] salt,
            Supplier<EngineReads> connector, List<? extends EngineRule> rules) {
        RuleConfig cfg = config == null ? RuleConfig.EMPTY : config;
        Suppressions suppressions = new Suppressions();
        List<EngineRule> offline = new ArrayList<>();
        List<EngineRule> online = new ArrayList<>();
        for (EngineRule r : rules) {
            if (Linter.enabled(r, cfg)) {
                (r.needsEngine() ? online : offline).add(r);
            }
        }
        List<Finding> out = new ArrayList<>();
        int suppressed = 0;
        if (!online.isEmpty() && hasDataMount(p)) {
            try (EngineReads engine = connector.get()) {
                EngineContext ctx = new EngineContext(p, new EngineSnapshot(engine), last, salt);
                for (EngineRule r : online) {
                    suppressed += Linter.keep(r, r.check(ctx), cfg, suppressions, out);
                }
            }
        }
        EngineContext ctx = new EngineContext(p, null, last, salt);
        for (EngineRule r : offline) {
            suppressed += Linter.keep(r, r.check(ctx), cfg, suppressions, out);
        }
        return new Linter.Result(out, suppressed, List.of(), null);
    }

    /** True when an active service mounts a named volume or a host directory (the engine checks' subjects). */
    public static boolean hasDataMount(Project p) {
        return p.activeServices().stream().flatMap(s -> s.mounts().stream())
                .anyMatch(m -> m.isNamedVolume() || m.isBind());
    }

    /** True when {@code f} stops the call until a human consents: an error of a rule that asks for consent. */
    public static boolean asksConsent(Finding f) {
        return f.severity() == dev.composeguard.rules.Severity.ERROR
                && Rules.find(f.code()) instanceof EngineRule r && r.asksConsent();
    }
}
