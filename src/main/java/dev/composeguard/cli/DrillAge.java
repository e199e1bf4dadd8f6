package dev.composeguard.cli;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The drill side of {@code backups list} and {@code backups check --drill-age}. */
final class DrillAge {
    private DrillAge() {
    }

    /** {@code "  drill ok <time> (<s> s)"} for the newest drill of a backup, or "" when it never had one. */
    static String describe(Manifest m) {
        if (m.drills.isEmpty()) {
            return "";
        }
        Manifest.DrillRecord d = m.drills.get(m.drills.size() - 1);
        return "  drill " + (d.ok ? "ok" : "FAILED") + " " + d.at + " (" + d.seconds + " s)";
    }

    /** Time of the newest successful drill of a backup, or null. */
    static Instant newestPassed(Manifest m) {
        Instant best = null;
        for (Manifest.DrillRecord d : m.drills) {
            try {
                Instant t = Instant.parse(d.at);
                if (d.ok && (best == null || t.isAfter(best))) {
                    best = t;
                }
            } catch (RuntimeException e) {
                // an unreadable time counts as no drill
            }
        }
        return best;
    }

    /**
     * Null when the newest verified backup holding one of {@code volumes} (any backup when empty) passed a drill
     * within {@code max}; else what is missing.
     */
    static String problem(List<BackupStore.StoredBackup> all, Collection<String> volumes, Duration max, Instant now) {
        BackupStore.StoredBackup newest = null;
        for (BackupStore.StoredBackup b : all) {
            boolean holds = volumes.isEmpty() || b.manifest().volumes.stream().anyMatch(v -> volumes.contains(v.name));
            if (b.manifest().verified && holds && (newest == null || b.createdAt().isAfter(newest.createdAt()))) {
                newest = b;
            }
        }
        if (newest == null) {
            return "no verified backup to drill";
        }
        Instant passed = newestPassed(newest.manifest());
        if (passed == null) {
            return "the newest backup " + newest.id() + " never passed a drill (compose-guard backups drill "
                    + newest.id() + ")";
        }
        if (Duration.between(passed, now).compareTo(max) > 0) {
            return "the newest backup " + newest.id() + " last passed a drill at " + passed;
        }
        return null;
    }
}
