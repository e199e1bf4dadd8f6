package dev.composeguard.guard;

import dev.composeguard.exec.Projects;
import dev.composeguard.backup.BackupRunner;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.ProjectLock;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineFor;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineReads;
import dev.composeguard.engine.EngineTarget;
import dev.composeguard.engine.Engines;
import dev.composeguard.exec.ComposeVersion;
import dev.composeguard.plan.ComposeRules;
import dev.composeguard.plan.DestroyPlan;
import dev.composeguard.plan.PlanEntry;
import dev.composeguard.plan.DestructiveCall;
import dev.composeguard.plan.Planner;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Project;
import dev.composeguard.prompt.Consent;
import dev.composeguard.prompt.ProgressLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stops calls that delete volume data until a fresh, verified backup exists and a human typed the project name (or
 * {@code COMPOSE_GUARD_CONFIRM} names the project exactly). Compose's own {@code -y} is never consent.
 *
 * <p>Order: parse the call → fail closed without a project (except v2's {@code -p X down/rm} without {@code -f},
 * which compose resolves from the engine) → plan from the engine → refuse at once when nobody can consent → back up
 * and verify → add the plan with its backup to the call's consent plan → return ({@link GuardedCall#askOnce} asks
 * the call's one question after the last step, then re-checks the plan). Any failure throws: nothing is deleted.
 * When the call stops running writers of what it deletes anyway, the backup waits for the yes ({@link StopFirst}):
 * dumps, then the writers stopped, then the copy (no write made before compose runs is lost; a cancelled question
 * stops nothing).
 */
public final class DestructiveGuard implements Step {
    private final java.util.function.Function<EngineTarget, EngineClient> connector;
    private final java.util.function.Function<EngineTarget, EngineReads> quick;

    public DestructiveGuard() {
        this(Engines::connect, dev.composeguard.guard.DriftCheck::connect);
    }

    /** With another way to reach the engine (tests: a fake). */
    public DestructiveGuard(java.util.function.Function<EngineTarget, EngineClient> connector) {
        this(connector, connector::apply);
    }

    /**
     * @param connector the engine for plans with data at risk and for the backup
     * @param quick     the read-only engine for calls without a destructive flag (plain up, down, rm …): most of
     *                  them put nothing at risk and must stay fast
     */
    public DestructiveGuard(java.util.function.Function<EngineTarget, EngineClient> connector,
            java.util.function.Function<EngineTarget, EngineReads> quick) {
        this.connector = connector;
        this.quick = quick;
    }

    /** Whose project compose acts on, and by which rules. */
    private record Target(Project project, String name, ComposeRules rules, java.util.Set<String> fallback) {
    }

    @Override
    public void before(GuardedContext ctx) {
        Optional<DestructiveCall> parsed = DestructiveCall.any(ctx.command(), ctx.call().invocation().commandArgs());
        if (parsed.isEmpty()) {
            return;
        }
        DestructiveCall call = parsed.get();
        CallContext cc = ctx.call();
        Target target = target(ctx, call);
        if (target == null) {
            return; // compose cannot load the project either: it acts on nothing
        }
        // The engine compose will delete on, resolved as compose resolves it; one it cannot follow refuses (exit 5).
        EngineTarget where = EngineFor.target(cc, flavorOf(ctx), target.project());
        if (!call.flagged() && nothingAtRiskQuick(ctx, call, target, where)) {
            return;
        }
        BackupStore store = BackupStore.fromEnv(cc.env());
        try (EngineClient engine = connector.apply(where)) {
            if (!where.equals(EngineTarget.DEFAULT)) {
                cc.say("engine: " + where.describe());
            }
            DestroyPlan plan = plan(engine, call, target, ctx, store::newestVerified);
            if (plan.isEmpty()) {
                plan.notes().forEach(n -> cc.say("note: " + n));
                return; // nothing holding data would be removed
            }
            refuseIfNobodyCanConsent(ctx, plan);
            // One guard at a time per project, from the backup until compose has finished deleting (a second one
            // stops: LOCKED). The lock outlives this step: GuardedCall closes it after compose (or on refusal).
            ProjectLock lock = ProjectLock.acquire(store.root(), plan.project(), call.describe());
            PlanCheck consented = PlanCheck.of(target.project(), plan);
            List<String> envFileValues = ctx.project() != null ? ctx.project().environment().envFileValues() : List.of();
            boolean stopFirst = backupOrAskFirst(ctx, call, engine, store, plan, envFileValues, lock);
            ctx.holdUntilComposeEnds(lock);
            // After the one yes (GuardedCall.askOnce): what compose will act on must still be what was shown; then
            // (stop-first) the backup with the writers stopped, compose's own volume question, the off-host copy.
            ctx.consent().afterYes(() -> {
                try (EngineClient again = connector.apply(where)) {
                    stillAsPlanned(ctx, call, target, again, consented);
                    if (stopFirst) {
                        backup(cc, again, store, plan, envFileValues, true);
                    }
                }
                answerComposeQuestion(ctx, call, plan);
                // A failed push warns but never withdraws the consent given (the verified local backup exists).
                dev.composeguard.backup.offsite.AutoPush.afterBackup(cc.env(), store, plan.project(), cc::say);
            });
        }
    }

    /**
     * No destructive flag: plan on the fast read-only engine first; most calls stop here with nothing at risk
     * (true), and one that nobody can consent to is refused without loading the full engine client.
     */
    private boolean nothingAtRiskQuick(GuardedContext ctx, DestructiveCall call, Target target, EngineTarget where) {
        try (EngineReads engine = quick.apply(where)) {
            DestroyPlan plan = plan(engine, call, target, ctx, null);
            if (plan.isEmpty()) {
                plan.notes().forEach(n -> ctx.call().say("note: " + n));
                return true;
            }
            refuseIfNobodyCanConsent(ctx, plan);
            return false;
        }
    }

    /**
     * Adds the plan to the one question: with the verified backup taken now, or (writers that stop anyway) asked
     * first with the backup taken stopped after the yes. True when the backup waits for the yes (stop-first).
     */
    private static boolean backupOrAskFirst(GuardedContext ctx, DestructiveCall call, EngineClient engine,
            BackupStore store, DestroyPlan plan, List<String> envFileValues, ProjectLock lock) {
        List<dev.composeguard.engine.EngineContainer> writers = StopFirst.writers(plan, call);
        ConsentPlan consent = ctx.consent();
        if (!writers.isEmpty()) {
            // The writers stop anyway: ask first (a cancelled question costs no downtime), copy them stopped after.
            consent.add(plan.project(), StopFirst.part(part(plan, null), writers));
            return true;
        }
        BackupStore.StoredBackup before;
        try {
            before = backup(ctx.call(), engine, store, plan, envFileValues, false);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
        consent.add(plan.project(), part(plan, before));
        consent.backupAt(before.dir().toString());
        return false;
    }

    /**
     * Nobody can say yes (no terminal, COMPOSE_GUARD_CONFIRM unset or naming another project): refused before any
     * backup is taken. The one question (it refuses here) shows everything the call would have needed accepted.
     */
    private static void refuseIfNobodyCanConsent(GuardedContext ctx, DestroyPlan plan) {
        if (!Consent.of(ctx.call()).possible(plan.project())) {
            ctx.consent().add(plan.project(), part(plan, null));
            GuardedCall.askOnce(ctx);
            throw new GuardException(ExitCodes.REFUSED, "nobody can confirm; nothing was deleted");
        }
    }

    /** The destroy plan as one part of the call's consent plan. */
    private static ConsentPlan.Part part(DestroyPlan plan, BackupStore.StoredBackup backup) {
        int n = plan.volumes().size() + plan.containerData().size();
        return new ConsentPlan.Part(PlanText.lines(plan, backup, Instant.now()), "compose " + plan.command()
                + " would destroy " + n + (n == 1 ? " volume or data directory" : " volumes or data directories"));
    }

    private static DestroyPlan plan(EngineReads engine, DestructiveCall call, Target t, GuardedContext ctx,
            java.util.function.Function<String, Instant> newest) {
        // newest null: the quick first look (no backups, no sizes)
        Planner planner = newest == null ? new Planner(engine, s -> null, false) : new Planner(engine, newest);
        return planner.plan(call, t.project(), t.name(), t.rules(),
                ctx.call().invocation().global().allResources(), t.fallback());
    }

    private static ComposeFlavor flavorOf(GuardedContext ctx) {
        CallContext cc = ctx.call();
        return ctx.project() != null ? ctx.project().flavor()
                : ctx.real() != null ? ComposeVersion.of(ctx.real(), cc.env()).flavor() : ComposeFlavor.V2;
    }

    /** The project compose acts on (null project: from the engine by label), or null when it acts on nothing. */
    private static Target target(GuardedContext ctx, DestructiveCall call) {
        CallContext cc = ctx.call();
        var global = cc.invocation().global();
        String version = ctx.real() != null ? ComposeVersion.of(ctx.real(), cc.env()).version() : "unknown";
        ComposeFlavor flavor = ctx.project() != null ? ctx.project().flavor()
                : ctx.real() != null ? ComposeVersion.of(ctx.real(), cc.env()).flavor() : ComposeFlavor.V2;
        ComposeRules rules = ComposeRules.of(flavor, version);
        Project project = ctx.project();
        String osName = cc.env().get("COMPOSE_PROJECT_NAME");
        boolean runtime = call.command().equals("down") || call.command().equals("rm");
        // v2 runtime commands skip the files with -p and no -f; a failed load with COMPOSE_PROJECT_NAME set too.
        if (flavor == ComposeFlavor.V2 && runtime) {
            if (global.projectName() != null && !global.projectName().isEmpty() && global.files().isEmpty()) {
                return new Target(null, global.projectName(), rules, java.util.Set.of());
            }
            if (project == null && osName != null && !osName.isEmpty()) {
                return new Target(null, osName, rules, java.util.Set.of());
            }
        }
        if (project == null) {
            if (!call.flagged() && !(flavor == ComposeFlavor.V2 && runtime && dotEnvNamesProject(cc))) {
                return null;
            }
            String why = ctx.loadError() != null ? ctx.loadError().oneLine() : "the project could not be loaded";
            throw new GuardException(ExitCodes.REFUSED, why + "; refusing " + call.describe()
                    + " because what it would delete cannot be known (fail closed)");
        }
        // compose may fail to load what the guard loaded (issue 11, row 4): with COMPOSE_PROJECT_NAME in the OS
        // environment or a .env it then acts on everything labelled with that name. Planned too.
        java.util.Set<String> fallback = new java.util.LinkedHashSet<>();
        for (String n : new String[] {osName, project.environment().get("COMPOSE_PROJECT_NAME")}) {
            if (n != null && !n.isEmpty()) {
                fallback.add(n);
            }
        }
        return new Target(project, project.name().value(), rules, fallback);
    }

    /**
     * True when the {@code .env} compose reads first ({@code --project-directory}, else the first {@code -f}'s
     * directory, else the cwd) assigns {@code COMPOSE_PROJECT_NAME}: compose exports it and, failing to load the
     * files, acts on every container labelled with it. The guard could not load the files either, so it cannot
     * resolve that name the way compose does: a plain down/rm is then refused like a destructive one.
     */
    static boolean dotEnvNamesProject(CallContext cc) {
        var g = cc.invocation().global();
        java.nio.file.Path base = cc.cwd();
        if (g.projectDirectory() != null) {
            base = base.resolve(g.projectDirectory());
        } else if (!g.files().isEmpty() && !g.files().get(0).equals("-")) {
            java.nio.file.Path parent = base.resolve(g.files().get(0)).getParent();
            base = parent != null ? parent : base;
        }
        List<java.nio.file.Path> files = new java.util.ArrayList<>();
        g.envFiles().forEach(f -> files.add(cc.cwd().resolve(f))); // --env-file replaces the default .env
        if (files.isEmpty()) {
            files.add(base.resolve(".env"));
        }
        for (java.nio.file.Path env : files) {
            // the loader's own reader: a comment or a bare unset key does not count; unreadable or broken counts
            if (dev.composeguard.project.EnvFileValues.assigns(env, "COMPOSE_PROJECT_NAME", cc.env(),
                    ComposeFlavor.V2)) {
                return true;
            }
        }
        return false;
    }

    /**
     * After consent: the files (by content hash) and the engine must still give the plan that was shown and backed
     * up, else compose would delete something nobody saw (issue 11, row 8). {@code -f -} cannot be read twice: only
     * the engine side is re-checked then.
     */
    private static void stillAsPlanned(GuardedContext ctx, DestructiveCall call, Target t, EngineClient engine,
            PlanCheck consented) {
        CallContext cc = ctx.call();
        Project again = t.project();
        if (again != null && !cc.invocation().global().files().contains("-")) {
            try {
                again = dev.composeguard.exec.Projects.load(cc, ctx.real());
            } catch (dev.composeguard.project.ProjectLoadException e) {
                throw new GuardException(ExitCodes.REFUSED, "the project changed while the question waited ("
                        + e.oneLine() + "); nothing was deleted (the backup is kept)");
            }
        }
        Target now = new Target(again, again != null ? again.name().value() : t.name(), t.rules(), t.fallback());
        String diff = consented.difference(PlanCheck.of(again, plan(engine, call, now, ctx, s -> null)));
        if (diff != null) {
            throw new GuardException(ExitCodes.REFUSED, "the project changed while the question waited (" + diff
                    + "); nothing was deleted (the backup is kept): run the command again to see the new plan");
        }
    }

    /**
     * compose 2.32+ asks its own "Recreate (data will be lost)?" on stdin for a diverged volume. The human said yes
     * to the guard's question and the volume is backed up: {@code up}/{@code create} get {@code -y} so that no
     * stray stdin line (or a second question) decides; {@code run} and {@code watch} have no {@code -y} and ask again.
     */
    private static void answerComposeQuestion(GuardedContext ctx, DestructiveCall call, DestroyPlan plan) {
        boolean recreates = plan.volumes().stream().anyMatch(v -> v.reason() == PlanEntry.Reason.RECREATED);
        if (recreates && call.takesYes() && !call.yes()) {
            ctx.addCommandFlag("-y");
        }
    }

    /** The fresh verified backup; {@code stopWriters}: dumps first, then the writers stopped, then the copies. */
    private static BackupStore.StoredBackup backup(CallContext cc, EngineClient engine, BackupStore store,
            DestroyPlan plan, List<String> envFileValues, boolean stopWriters) {
        ProgressLine progress = ProgressLine.on(cc);
        var backup = new BackupRunner(engine, store, m -> progress.say(cc, m)).progress(progress).settings(cc.env())
                .redacting(envFileValues)
                .stopWriters(stopWriters)
                .pauseWriters(cc.env().get("COMPOSE_GUARD_PAUSE_WRITERS"))
                .run(new BackupRunner.Request(plan.project(),
                plan.command(), plan.volumes(), plan.containerData(), plan.containers(),
                BackupRunner.dumpCandidates(plan.containers(), plan.volumes(), plan.containerData(), false)));
        cc.say(stopWriters ? "verified backup (copied with the writers stopped): " + backup.dir()
                : "verified backup: " + backup.dir());
        return backup;
    }

    /** True for calls that delete volumes: down -v, rm -v, up/create -V, up/create -y (and up --force-recreate). */
    public static boolean isDestructive(String command, List<String> args) {
        return DestructiveCall.of(command, args).isPresent();
    }
}
