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
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stops calls that delete volume data until a fresh, verified backup exists and a human typed the project name (or
 * {@code COMPOSE_GUARD_CONFIRM} names the project exactly). Compose's own {@code -y} is never consent.
 *
 * <p>Order: parse the call → fail closed without a project (except v2's {@code -p X down/rm} without {@code -f},
 * which compose resolves from the engine) → plan from the engine → refuse at once when nobody can consent → back up
 * and verify → confirm → return (the call goes on to compose). Any failure throws: nothing is deleted. When the call
 * stops running writers of what it deletes anyway, {@link StopFirst} confirms first, then dumps, stops them and
 * copies (no write made before compose runs is lost; a cancelled question stops nothing).
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
            String preset = cc.env().get(Consent.ENV);
            boolean tty = preset == null && Consent.terminalAvailable(cc.env());
            if (!tty) {
                PlanText.lines(plan, null, Instant.now()).forEach(l -> cc.err().println("compose-guard: " + l));
                if (preset == null) {
                    throw new GuardException(ExitCodes.REFUSED, "no terminal to confirm on and " + Consent.ENV
                            + " is not set; nothing was deleted (set " + Consent.ENV + "=" + plan.project()
                            + " to confirm this project)");
                }
                if (!preset.equals(plan.project())) {
                    throw new GuardException(ExitCodes.REFUSED, Consent.ENV + " does not name project \""
                            + plan.project() + "\"; nothing was deleted");
                }
            }
            // One guard at a time per project, from the backup until compose has finished deleting (a second one
            // stops: LOCKED). The lock outlives this step: GuardedCall closes it after compose.
            ProjectLock lock = ProjectLock.acquire(store.root(), plan.project(), call.describe());
            try {
                var writers = StopFirst.writers(plan, call);
                if (writers.isEmpty()) {
                    backupAndConfirm(cc, engine, store, plan, tty);
                } else {
                    StopFirst.confirmThenBackUp(cc, engine, store, plan, tty, writers);
                }
            } catch (RuntimeException | Error e) {
                lock.close();
                throw e;
            }
            ctx.holdUntilComposeEnds(lock);
        }
    }

    private static void backupAndConfirm(CallContext cc, EngineClient engine, BackupStore store, DestroyPlan plan,
            boolean tty) {
        var backup = new BackupRunner(engine, store, cc::say).settings(cc.env())
                .pauseWriters(cc.env().get("COMPOSE_GUARD_PAUSE_WRITERS"))
                .run(new BackupRunner.Request(plan.project(),
                plan.command(), plan.volumes(), plan.containerData(), plan.containers(),
                BackupRunner.dumpCandidates(plan.containers(), plan.volumes(), plan.containerData(), false)));
        cc.say("verified backup: " + backup.dir());
        List<String> text = PlanText.lines(plan, backup, Instant.now());
        boolean yes;
        if (tty) {
            yes = dev.composeguard.prompt.Confirm.confirm(cc, String.join(System.lineSeparator(), text),
                    plan.project());
        } else {
            cc.say(Consent.ENV + " names project \"" + plan.project() + "\": going ahead");
            yes = true;
        }
        if (!yes) {
            throw new GuardException(ExitCodes.REFUSED, "not confirmed; nothing was deleted (the backup is kept at "
                    + backup.dir() + ")");
        }
        // Off-host copy before compose deletes; a failed push warns but never withdraws the consent given.
        dev.composeguard.backup.offsite.AutoPush.afterBackup(cc.env(), store, plan.project(), cc::say);
    }

    /** True for calls that delete volumes: down -v, rm -v, up/create -V, up/create -y (and up --force-recreate). */
    public static boolean isDestructive(String command, List<String> args) {
        return DestructiveCall.of(command, args).isPresent();
    }

    /** Where consent comes from. */
    static final class Consent {
        static final String ENV = "COMPOSE_GUARD_CONFIRM";

        private Consent() {
        }

        /** A controlling terminal a human can type on ({@code /dev/tty} opens), unless told otherwise. */
        static boolean terminalAvailable(java.util.Map<String, String> env) {
            String tty = env.getOrDefault("COMPOSE_GUARD_TTY", "/dev/tty");
            File f = new File(tty);
            if (!f.exists()) {
                return false;
            }
            try (var in = new java.io.FileInputStream(f)) {
                return true;
            } catch (java.io.IOException | SecurityException e) {
                return false; // ENXIO: no controlling terminal (cron, CI, setsid)
            }
        }
    }
}
