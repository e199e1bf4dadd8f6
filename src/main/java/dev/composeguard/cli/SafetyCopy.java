package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.backup.BackupRunner;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Restorer;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.plan.PlanEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restore never destroys data itself: before a restore replaces a volume that holds data, that data gets a verified
 * backup of its own, exactly like a destructive compose call.
 */
final class SafetyCopy {
    private SafetyCopy() {
    }

    /** Refuses (before any question or backup) when a volume to replace is still mounted by a container. */
    static void refuseInUse(List<Restorer.Step> steps) {
        for (Restorer.Step s : steps) {
            if (s.overwrites() && !s.usedBy().isEmpty()) {
                throw new GuardException(ExitCodes.REFUSED, "volume " + s.target() + " is used by "
                        + String.join(", ", s.usedBy()) + "; stop and remove those containers first (docker compose"
                        + " down, without -v); nothing was restored");
            }
        }
    }

    /** Backs up every target that {@code steps} would replace; returns the backup, or null when none is replaced. */
    static BackupStore.StoredBackup take(CallContext ctx, EngineClient engine, BackupStore store, String project,
            String from, List<Restorer.Step> steps) {
        List<PlanEntry> entries = new ArrayList<>();
        Map<String, Long> sizes = null;
        for (Restorer.Step s : steps) {
            if (!s.overwrites()) {
                continue;
            }
            if (sizes == null) {
                sizes = engine.volumeSizes();
            }
            EngineVolume v = engine.volume(s.target()).orElseThrow(() -> new GuardException(ExitCodes.ENGINE_UNAVAILABLE,
                    "volume " + s.target() + " disappeared"));
            entries.add(new PlanEntry(v.name(), PlanEntry.Reason.DOWN_BY_NAME, v.driver(), v.labels(),
                    sizes.getOrDefault(v.name(), -1L), List.of(), null, null));
        }
        if (entries.isEmpty()) {
            return null;
        }
        BackupStore.StoredBackup b = new BackupRunner(engine, store, ctx::say)
                .gzipLevel(ctx.env().get("COMPOSE_GUARD_GZIP_LEVEL"))
                .run(new BackupRunner.Request(project, "restore " + from + " (what it replaces)", entries, List.of(),
                        List.of(), List.of()));
        ctx.say("verified backup of what the restore replaces: " + b.dir());
        return b;
    }
}
