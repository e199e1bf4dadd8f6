package dev.composeguard.guard;

import dev.composeguard.backup.BackupRunner;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.ProjectLock;
import dev.composeguard.cli.CallContext;
import dev.composeguard.cli.ExitCodes;
import dev.composeguard.cli.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.Engines;
import dev.composeguard.exec.ComposeVersion;
import dev.composeguard.plan.DestroyPlan;
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
 * the call's one question after the last step). Any failure throws: nothing is deleted.
 */
public final class DestructiveGuard implements Step {
    private final java.util.function.Function<java.util.Map<String, String>, EngineClient> connector;

    public DestructiveGuard() {
        this(Engines::connect);
    }

    /** With another way to reach the engine (tests: a fake). */
    public DestructiveGuard(java.util.function.Function<java.util.Map<String, String>, EngineClient> connector) {
        this.connector = connector;
    }

    @Override
    public void before(GuardedContext ctx) {
        Optional<DestructiveCall> parsed = DestructiveCall.of(ctx.command(), ctx.call().invocation().commandArgs());
        if (parsed.isEmpty()) {
            return;
        }
        DestructiveCall call = parsed.get();
        CallContext cc = ctx.call();
        var global = cc.invocation().global();
        ComposeFlavor flavor = ctx.project() != null ? ctx.project().flavor()
                : ctx.real() != null ? ComposeVersion.of(ctx.real(), cc.env()).flavor() : ComposeFlavor.V2;

        // v2 runtime commands skip the files with -p and no -f; a failed load with COMPOSE_PROJECT_NAME set too.
        Project project = ctx.project();
        String projectName = project != null ? project.name().value() : null;
        boolean fromEngine = false;
        if (flavor == ComposeFlavor.V2 && (call.command().equals("down") || call.command().equals("rm"))) {
            if (global.projectName() != null && !global.projectName().isEmpty() && global.files().isEmpty()) {
                fromEngine = true;
                projectName = global.projectName();
            } else if (project == null && cc.env().get("COMPOSE_PROJECT_NAME") != null
                    && !cc.env().get("COMPOSE_PROJECT_NAME").isEmpty()) {
                fromEngine = true;
                projectName = cc.env().get("COMPOSE_PROJECT_NAME");
            }
        }
        if (!fromEngine && project == null) {
            String why = ctx.loadError() != null ? ctx.loadError().oneLine() : "the project could not be loaded";
            throw new GuardException(ExitCodes.REFUSED, why + "; refusing " + call.describe()
                    + " because what it would delete cannot be known (fail closed)");
        }

        BackupStore store = BackupStore.fromEnv(cc.env());
        try (EngineClient engine = connector.apply(cc.env())) {
            DestroyPlan plan = new Planner(engine, store::newestVerified)
                    .plan(call, fromEngine ? null : project, projectName, flavor, global.allResources());
            if (plan.isEmpty()) {
                plan.notes().forEach(n -> cc.say("note: " + n));
                return; // nothing holding data would be removed
            }
            ConsentPlan consent = ctx.consent();
            if (!Consent.of(cc).possible(plan.project())) {
                // Nobody can say yes: no backup for a call that cannot proceed. The one question (it refuses here)
                // shows everything the call would have needed accepted.
                consent.add(plan.project(), part(plan, null));
                GuardedCall.askOnce(ctx);
                throw new GuardException(ExitCodes.REFUSED, "nobody can confirm; nothing was deleted");
            }
            // One guard at a time per project, from the backup until compose has finished deleting (a second one
            // stops: LOCKED). The lock outlives this step: GuardedCall closes it after compose (or on refusal).
            ProjectLock lock = ProjectLock.acquire(store.root(), plan.project(), call.describe());
            BackupStore.StoredBackup backup;
            try {
                backup = backup(cc, engine, store, plan);
            } catch (RuntimeException | Error e) {
                lock.close();
                throw e;
            }
            ctx.holdUntilComposeEnds(lock);
            consent.add(plan.project(), part(plan, backup));
            consent.backupAt(backup.dir().toString());
        }
    }

    /** The destroy plan as one part of the call's consent plan. */
    private static ConsentPlan.Part part(DestroyPlan plan, BackupStore.StoredBackup backup) {
        int n = plan.volumes().size() + plan.containerData().size();
        return new ConsentPlan.Part(PlanText.lines(plan, backup, Instant.now()), "compose " + plan.command()
                + " would destroy " + n + (n == 1 ? " volume or data directory" : " volumes or data directories"));
    }

    private static BackupStore.StoredBackup backup(CallContext cc, EngineClient engine, BackupStore store,
            DestroyPlan plan) {
        ProgressLine progress = ProgressLine.on(cc);
        var backup = new BackupRunner(engine, store, m -> progress.say(cc, m)).progress(progress)
                .gzipLevel(cc.env().get("COMPOSE_GUARD_GZIP_LEVEL"))
                .pauseWriters(cc.env().get("COMPOSE_GUARD_PAUSE_WRITERS"))
                .run(new BackupRunner.Request(plan.project(),
                plan.command(), plan.volumes(), plan.containerData(), plan.containers(),
                BackupRunner.dumpCandidates(plan.containers(), plan.volumes(), plan.containerData(), false)));
        cc.say("verified backup: " + backup.dir());
        return backup;
    }

    /** True for calls that delete volumes: down -v, rm -v, up/create -V, up/create -y (and up --force-recreate). */
    public static boolean isDestructive(String command, List<String> args) {
        return DestructiveCall.of(command, args).isPresent();
    }
}
