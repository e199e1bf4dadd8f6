package dev.composeguard.cli;

import dev.composeguard.exec.Projects;
import dev.composeguard.engine.EngineFor;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.backup.Restorer;
import dev.composeguard.engine.EngineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose-guard restore BACKUP [--volume NAME]… [--to NEW_NAME] [--dry-run]}. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore volumes from a backup taken by compose-guard.",
                "Into the volume of the same engine name (recreated with its original driver, options and labels) or,"
                        + " with --to, into a new volume. The archive is verified and every entry checked (no absolute"
                        + " paths, no .., no device files, no links leaving the volume) before anything is written.",
                "A non-empty target is replaced only after typing the project name (or COMPOSE_GUARD_CONFIRM)."})
public final class RestoreCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Parameters(index = "0", paramLabel = "BACKUP", description = "Backup id (directory name under the backup "
            + "location) or path to its directory.")
    String backup;

    @Option(names = "--volume", paramLabel = "NAME", description = "Restore only this volume (engine name in the "
            + "backup; repeatable), or CONTAINER:PATH for a container directory saved before up --force-recreate "
            + "(needs --to). Default: every volume in the backup.")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--to", paramLabel = "NEW_NAME", description = "Restore into this volume instead (one volume only).")
    String to;

    @Option(names = "--dry-run", description = "Show what would be done; change nothing.")
    boolean dryRun;

    @Option(names = "--dump", paramLabel = "SERVICE", description = "Replay the logical dump of SERVICE into its running"
            + " container instead (psql, mysql, Redis RDB, mongorestore; the container's own credentials).")
    String dump;

    public RestoreCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        dev.composeguard.core.Timings.mark("JVM start, picocli");
        BackupStore store = BackupStore.fromEnv(ctx.env());
        BackupStore.StoredBackup b = store.find(backup);
        if (b == null) {
            b = RestoreFromRepository.pull(ctx, store, backup, dryRun);
            if (b == null) {
                return ExitCodes.OK; // dry run: said what would be pulled
            }
        }
        if (dump != null) {
            return new DumpRestore(ctx).run(store, b, dump, dryRun);
        }
        List<Manifest.VolumeArchive> chosen = chosen(b);
        if (!b.manifest().verified) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "backup " + b.id() + " was never verified; refusing");
        }
        dev.composeguard.core.Timings.mark("find backup");
        try (EngineClient engine = EngineFor.connect(ctx, Projects.flavor(ctx), null);
                var lock = dryRun ? null : dev.composeguard.backup.ProjectLock.acquire(store.root(),
                        b.manifest().project, "restore " + b.id())) {
            var progress = dev.composeguard.prompt.ProgressLine.on(ctx);
            Restorer r = new Restorer(engine, m -> progress.say(ctx, m)).progress(progress)
                    .tarImage(ctx.env().get("COMPOSE_GUARD_TAR_IMAGE"));
            List<Restorer.Step> steps = new ArrayList<>();
            for (Manifest.VolumeArchive a : chosen) {
                // a dry run verifies every archive; a restore verifies an archive for a new volume while extracting it
                steps.add(dryRun ? r.prepare(b, a, to) : r.look(b, a, to));
            }
            List<String> plan = plan(b, steps);
            if (dryRun) {
                plan.forEach(l -> ctx.err().println("compose-guard: " + l));
                ctx.say("dry run: nothing was changed");
                return ExitCodes.OK;
            }
            boolean confirmed = confirm(engine, store, b, steps, plan);
            for (Restorer.Step s : steps) {
                r.restore(b, s, confirmed);
            }
        }
        return ExitCodes.OK;
    }

    /** The archives --volume names (every volume archive without it); a usage error when one is missing. */
    private List<Manifest.VolumeArchive> chosen(BackupStore.StoredBackup b) {
        List<Manifest.VolumeArchive> chosen = new ArrayList<>();
        for (Manifest.VolumeArchive a : b.manifest().volumes) {
            if (volumes.isEmpty() ? a.name != null : volumes.contains(key(a))) {
                chosen.add(a);
            }
        }
        for (String v : volumes) {
            if (chosen.stream().noneMatch(a -> v.equals(key(a)))) {
                throw new GuardException(ExitCodes.USAGE, "backup " + b.id() + " holds no volume " + v);
            }
        }
        if (chosen.isEmpty()) {
            throw new GuardException(ExitCodes.USAGE, "backup " + b.id() + " holds no volume archive");
        }
        if (to != null && chosen.size() != 1) {
            throw new GuardException(ExitCodes.USAGE, "--to needs exactly one volume (use --volume NAME)");
        }
        return chosen;
    }

    private static List<String> plan(BackupStore.StoredBackup b, List<Restorer.Step> steps) {
        List<String> plan = new ArrayList<>();
        plan.add("restore from " + b.dir() + " (project " + b.manifest().project + ", taken " + b.manifest().createdAt
                + "):");
        for (Restorer.Step s : steps) {
            plan.add("  " + s.archive().archive + " (" + s.archive().entries + " entries) -> volume " + s.target()
                    + (!s.exists() ? " (new)" : s.overwrites() ? " (REPLACES " + s.existingEntries()
                            + " existing entries)" : " (exists, empty)")
                    + (s.usedBy().isEmpty() ? "" : " used by " + String.join(", ", s.usedBy())));
        }
        return plan;
    }

    /**
     * Replacing data needs a yes and a verified safety copy of what it replaces first; restoring into new or empty
     * volumes only shows the plan. True when the user confirmed an overwrite.
     */
    private boolean confirm(EngineClient engine, BackupStore store, BackupStore.StoredBackup b,
            List<Restorer.Step> steps, List<String> plan) {
        if (steps.stream().noneMatch(Restorer.Step::overwrites)) {
            plan.forEach(l -> ctx.err().println("compose-guard: " + l));
            return false;
        }
        SafetyCopy.refuseInUse(steps);
        plan.add("what it replaces gets a verified backup of its own before anything is removed");
        var answer = dev.composeguard.prompt.Consent.of(ctx).ask(plan, b.manifest().project);
        if (!answer.yes()) {
            throw new GuardException(ExitCodes.REFUSED, answer.why() + "; nothing was restored. To proceed, "
                    + dev.composeguard.prompt.Consent.hint(b.manifest().project));
        }
        ctx.say(answer.why());
        SafetyCopy.take(ctx, engine, store, b.manifest().project, b.id(), steps);
        return true;
    }

    /** How --volume names an archive: the engine volume name, or CONTAINER:PATH for a container directory. */
    static String key(Manifest.VolumeArchive a) {
        return a.name != null ? a.name : a.container + ":" + a.path;
    }
}
