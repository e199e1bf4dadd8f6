package dev.composeguard.backup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which backups to keep: every backup younger than {@code hours} hours; then the newest of each of the last
 * {@code days} days, {@code weeks} ISO weeks and {@code months} months (UTC), per project. The newest verified
 * backup of every volume is always kept, whatever the policy says.
 */
public record Retention(int hours, int days, int weeks, int months) {

    public boolean isEmpty() {
        return hours <= 0 && days <= 0 && weeks <= 0 && months <= 0;
    }

    /** The backups to delete (oldest first). */
    public List<BackupStore.StoredBackup> prune(List<BackupStore.StoredBackup> all, Instant now) {
        Set<String> keep = new HashSet<>();
        Map<String, List<BackupStore.StoredBackup>> byProject = new TreeMap<>();
        for (BackupStore.StoredBackup b : all) {
            byProject.computeIfAbsent(String.valueOf(b.manifest().project), k -> new ArrayList<>()).add(b);
        }
        for (List<BackupStore.StoredBackup> list : byProject.values()) {
            list.sort((a, b) -> b.createdAt().compareTo(a.createdAt())); // newest first
            for (BackupStore.StoredBackup b : list) {
                if (Duration.between(b.createdAt(), now).toHours() < hours) {
                    keep.add(b.id());
                }
            }
            keepNewestPer(list, days, b -> day(b).toString(), keep);
            keepNewestPer(list, weeks, b -> day(b).get(IsoFields.WEEK_BASED_YEAR) + "-W"
                    + day(b).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), keep);
            keepNewestPer(list, months, b -> day(b).getYear() + "-" + day(b).getMonthValue(), keep);
        }
        // Never delete the newest verified backup of a volume.
        Map<String, BackupStore.StoredBackup> newest = new TreeMap<>();
        for (BackupStore.StoredBackup b : all) {
            if (!b.manifest().verified) {
                continue;
            }
            for (Manifest.VolumeArchive v : b.manifest().volumes) {
                String key = v.name != null ? v.name : v.container + ":" + v.path;
                BackupStore.StoredBackup cur = newest.get(key);
                if (cur == null || b.createdAt().isAfter(cur.createdAt())) {
                    newest.put(key, b);
                }
            }
        }
        newest.values().forEach(b -> keep.add(b.id()));
        List<BackupStore.StoredBackup> out = new ArrayList<>();
        for (BackupStore.StoredBackup b : all) {
            if (!keep.contains(b.id())) {
                out.add(b);
            }
        }
        out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return out;
    }

    private static LocalDate day(BackupStore.StoredBackup b) {
        return b.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static void keepNewestPer(List<BackupStore.StoredBackup> newestFirst, int n,
            java.util.function.Function<BackupStore.StoredBackup, String> bucket, Set<String> keep) {
        if (n <= 0) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (BackupStore.StoredBackup b : newestFirst) {
            if (!b.manifest().verified) {
                continue;
            }
            String k = bucket.apply(b);
            if (seen.contains(k)) {
                continue;
            }
            if (seen.size() >= n) {
                break;
            }
            seen.add(k);
            keep.add(b.id());
        }
    }

    /** {@code 90s}, {@code 30m}, {@code 6h}, {@code 2d}, {@code 1w}. */
    public static Duration parseDuration(String s) {
        if (s == null || s.length() < 2) {
            throw new IllegalArgumentException("bad duration: " + s + " (use e.g. 30m, 6h, 2d)");
        }
        long n;
        try {
            n = Long.parseLong(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad duration: " + s + " (use e.g. 30m, 6h, 2d)");
        }
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'w' -> Duration.ofDays(7 * n);
            default -> throw new IllegalArgumentException("bad duration: " + s + " (use e.g. 30m, 6h, 2d)");
        };
    }
}
