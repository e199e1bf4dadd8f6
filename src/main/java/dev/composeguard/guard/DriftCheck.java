package dev.composeguard.guard;

import dev.composeguard.ledger.LedgerStore;
import dev.composeguard.ledger.DeployRecord;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.LastDeploy;
import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.engine.Credentials;
import dev.composeguard.rules.run.ConfigFile;
import dev.composeguard.rules.run.EngineChecks;
import dev.composeguard.rules.run.Linter;
import dev.composeguard.rules.run.Report;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.exec.Projects;
import dev.composeguard.engine.EngineReads;
import dev.composeguard.engine.EngineUnavailableException;
import dev.composeguard.engine.EngineTarget;
import dev.composeguard.exec.ComposeVersion;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.exec.RealComposeFinder;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.Service;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Engine-aware drift checks before up/create/run (CG201–CG208), and the deploy ledger after a successful up.
 * Findings are printed on stderr; orphaned data (CG201) joins the call's consent plan: the call goes on only when a
 * human types the project name at the call's one question or {@code COMPOSE_GUARD_CONFIRM} names it. The engine being unreachable fails the call closed.
 */
public final class DriftCheck implements Step {
    /** The commands that create volumes and containers. */
    public static final Set<String> COMMANDS = Set.of("up", "create", "run");

    private final Function<EngineTarget, EngineReads> connector;

    public DriftCheck() {
        this(DriftCheck::connect);
    }

    /** With another way to reach the engine (tests: a fake). */
    public DriftCheck(Function<EngineTarget, EngineReads> connector) {
        this.connector = connector;
    }

    /** The engine compose will use: its unix socket directly (fast path), else the general client. */
    public static EngineReads connect(EngineTarget target) {
        return dev.composeguard.engine.Engines.connectReads(target);
    }

    @Override
    public void before(GuardedContext ctx) {
        if (!COMMANDS.contains(ctx.command())) {
            return;
        }
        CallContext call = ctx.call();
        Project p = ctx.project();
        if (p == null) {
            return; // GuardedCall has said why, once
        }
        long t0 = System.nanoTime();
        List<Finding> findings;
        try {
            // Resolved only when a check needs the engine: a project without data mounts never asks for it.
            findings = runAll(p, ctx.ruleConfig(), call.env(), LedgerStore.forEnv(call.env()),
                    () -> connector.apply(dev.composeguard.engine.EngineFor.target(call, p.flavor(), p)), call).findings();
        } catch (EngineUnavailableException e) {
            throw new GuardException(ExitCodes.ENGINE_UNAVAILABLE, "cannot check the Docker Engine before "
                    + ctx.command() + " (nothing was run): " + e.getMessage(), e);
        }
        if (call.env().containsKey("COMPOSE_GUARD_DEBUG")) {
            call.say("deploy-time checks took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        Report report = new Report(p.workingDir(), p.name().value(), null, null);
        List<Finding> blocking = new ArrayList<>();
        for (Finding f : findings) {
            if (EngineChecks.asksConsent(f)) {
                blocking.add(f);
            } else {
                call.say(report.compactLine(f));
                if (!f.hint().isEmpty()) {
                    call.say("  fix: " + f.hint());
                }
            }
        }
        if (!blocking.isEmpty()) {
            ctx.consent().add(p.name().value(), consentPart(ctx, p, report, blocking));
        }
    }

    /**
     * Orphaned data stops the call until someone says yes: the findings join the call's one plan, shown once with the
     * question (GuardedCall.askOnce).
     */
    private static ConsentPlan.Part consentPart(GuardedContext ctx, Project p, Report report, List<Finding> blocking) {
        List<String> lines = new ArrayList<>();
        for (Finding f : blocking) {
            lines.add(report.compactLine(f));
            for (String fix : f.hint().split("; ")) {
                lines.add("  fix: " + fix);
            }
        }
        lines.add(ctx.command() + " would start project " + p.name().value() + " on " + blocking.size()
                + " new empty volume(s) while the data is elsewhere.");
        return new ConsentPlan.Part(lines, "it would create " + blocking.size()
                + " empty volume(s) beside existing data (CG201); use the old project name, or accept it");
    }

    /**
     * Every engine rule (used before up and by doctor) with the project's {@code .compose-guard.yml}: the rules that
     * read only the files and the last deploy, and (when the project has a data mount) those that need the engine.
     * A broken configuration does not switch the checks off: they run with their defaults.
     */
    public static Linter.Result runAll(Project p, Map<String, String> env, LedgerStore store,
            Supplier<EngineReads> connector, CallContext call) {
        RuleConfig config = RuleConfig.EMPTY;
        try {
            config = ConfigFile.load(p.workingDir());
        } catch (RuleConfig.ConfigException e) {
            if (call != null) {
                call.say("warning: deploy-time checks run with their default settings: " + e.getMessage());
            }
        }
        return runAll(p, config, env, store, connector, call);
    }

    /** {@link #runAll(Project, Map, LedgerStore, Supplier, CallContext)} with a configuration already read. */
    static Linter.Result runAll(Project p, RuleConfig config, Map<String, String> env, LedgerStore store,
            Supplier<EngineReads> connector, CallContext call) {
        Map<String, Object> last = null;
        try {
            last = store.last(p.workingDir()).orElse(null);
        } catch (IOException | RuntimeException e) {
            if (call != null) {
                call.say("warning: cannot read the deploy ledger " + store.fileFor(p.workingDir()) + ": " + e.getMessage());
            }
        }
        byte[] salt = EngineChecks.hasDataMount(p) ? store.existingSalt().orElse(null) : null;
        return EngineChecks.run(p, config, LastDeploy.of(last), salt, connector);
    }

    /** True when the call needs {@link #afterCompose} once compose has exited (a deploy: {@code up}). */
    public static boolean wantsAfterCompose(CallContext call) {
        return "up".equals(call.invocation().command());
    }

    /** Records a successful deploy; called after compose has exited. */
    public static void afterCompose(CallContext call, int composeExitCode) {
        if (composeExitCode != 0 || !wantsAfterCompose(call)) {
            return;
        }
        if (call.invocation().global().files().contains("-")) {
            call.say("warning: deploy not recorded in the ledger: the compose file came from stdin");
            return;
        }
        RealCompose real = RealComposeFinder.of(call).find();
        Project p;
        try {
            p = Projects.load(call, real);
        } catch (ProjectLoadException e) {
            call.say("warning: deploy not recorded in the ledger: " + e.oneLine());
            return;
        }
        LedgerStore store = LedgerStore.forEnv(call.env());
        try {
            record(store, p, ComposeVersion.of(real, call.env()).version(), Instant.now());
        } catch (IOException e) {
            call.say("warning: deploy not recorded in the ledger " + store.dir() + ": " + e.getMessage());
        }
    }

    /** Appends the deploy record of {@code p} (with salted hashes of its DB init credentials). */
    public static void record(LedgerStore store, Project p, String composeVersion, Instant time) throws IOException {
        byte[] salt = store.salt();
        Map<String, Map<String, String>> hashes = new LinkedHashMap<>();
        for (Service s : p.activeServices()) {
            Map<String, String> h = new LinkedHashMap<>();
            Credentials.resolve(p, s).forEach((k, v) -> h.put(k, Credentials.hash(salt, k, v.value())));
            if (!h.isEmpty()) {
                hashes.put(s.name(), h);
            }
        }
        store.append(p.workingDir(), DeployRecord.of(p, time, composeVersion, hashes));
    }
}
