package dev.composeguard.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code backups check} as Prometheus metrics (text exposition format 0.0.4), per project and volume: the newest
 * verified backup (time, size), the newest successful drill, the newest push to the off-host repository, and the
 * check's verdict. A time that never happened is 0, so that an alert on its age fires. Only ever read from the
 * local store and its push state: a scrape never waits for the repository.
 */
public final class BackupMetrics {
    private final BackupStore store;
    private final List<BackupStore.StoredBackup> all;

    public BackupMetrics(BackupStore store) {
        this.store = store;
        this.all = store.list();
    }

    /** One volume the check looked at, with its verdict (its backup is fresh, its push did not fail). */
    public record Verdict(String project, String volume, boolean ok) {
    }

    /** The project of the newest backup holding the volume, or {@code fallback}. */
    public String projectOf(String volume, String fallback) {
        String p = fallback;
        for (BackupStore.StoredBackup b : all) {
            if (b.manifest().volumes.stream().anyMatch(v -> volume.equals(v.name)) && b.manifest().project != null) {
                p = b.manifest().project;
            }
        }
        return p;
    }

    /**
     * @param check the checked project, or null for the whole store (labels the check's own two series, so that
     *              one textfile per project can sit side by side in the collector's directory)
     */
    public String render(List<Verdict> verdicts, Duration maxAge, boolean repositoryConfigured, Instant now,
            String check) {
        Map<String, List<String>> series = new LinkedHashMap<>();
        family(series, "compose_guard_backup_last_verified_timestamp_seconds",
                "Time of the newest verified backup holding the volume (0: none).");
        family(series, "compose_guard_backup_last_verified_size_bytes",
                "Bytes on disk of that volume's archive in the newest verified backup.");
        family(series, "compose_guard_drill_last_success_timestamp_seconds",
                "Time of the newest successful restore drill of the volume (0: none).");
        family(series, "compose_guard_drill_last_ok", "1 when the newest drill of the volume succeeded, 0 when it failed.");
        family(series, "compose_guard_push_last_success_timestamp_seconds",
                "Time the newest backup holding the volume was pushed to the off-host repository (0: never).");
        family(series, "compose_guard_check_ok", "The check's verdict for the volume: 1 ok, 0 stale or push failed.");
        family(series, "compose_guard_push_ok",
                "1 when the last push of the project to the off-host repository succeeded, 0 when it failed.");
        TreeSet<String> projects = new TreeSet<>();
        for (Verdict v : verdicts) {
            String labels = "{project=\"" + esc(v.project()) + "\",volume=\"" + esc(v.volume()) + "\"}";
            projects.add(v.project());
            volumeSeries(series, labels, v, repositoryConfigured);
        }
        for (String p : projects) {
            PushState s = PushState.read(store.root(), p);
            if (repositoryConfigured || s.lastAttempt != null) {
                series.get("compose_guard_push_ok").add("compose_guard_push_ok{project=\"" + esc(p) + "\"} "
                        + (s.failed() ? 0 : 1));
            }
        }
        StringBuilder out = new StringBuilder();
        series.forEach((name, lines) -> {
            if (lines.size() > 2) {
                lines.forEach(l -> out.append(l).append('\n'));
            }
        });
        String c = "{check=\"" + esc(check == null ? "all" : check) + "\"}";
        out.append("# HELP compose_guard_check_max_age_seconds The --max-age the verdicts were taken with.\n")
                .append("# TYPE compose_guard_check_max_age_seconds gauge\n")
                .append("compose_guard_check_max_age_seconds").append(c).append(' ').append(maxAge.toSeconds())
                .append('\n')
                .append("# HELP compose_guard_check_timestamp_seconds When these metrics were written.\n")
                .append("# TYPE compose_guard_check_timestamp_seconds gauge\n")
                .append("compose_guard_check_timestamp_seconds").append(c).append(' ').append(now.getEpochSecond())
                .append('\n');
        return out.toString();
    }

    private void volumeSeries(Map<String, List<String>> series, String labels, Verdict v, boolean repositoryConfigured) {
        BackupStore.StoredBackup newest = null;
        long size = 0;
        Instant pushed = null;
        PushState state = PushState.read(store.root(), v.project());
        Instant drillOk = null;
        DrillResult lastDrill = null;
        for (BackupStore.StoredBackup b : all) {
            Manifest.VolumeArchive a = b.manifest().volumes.stream().filter(x -> v.volume().equals(x.name)).findFirst()
                    .orElse(null);
            if (a == null) {
                continue;
            }
            if (b.manifest().verified) {
                newest = b;
                size = a.archiveBytes;
            }
            Instant p = state.pushedAt(b.id());
            if (p != null && (pushed == null || p.isAfter(pushed))) {
                pushed = p;
            }
            for (DrillResult d : DrillResult.read(b.dir())) {
                if (d.volume() != null && !d.volume().equals(v.volume())) {
                    continue;
                }
                if (lastDrill == null || d.at().isAfter(lastDrill.at())) {
                    lastDrill = d;
                }
                if (d.ok() && (drillOk == null || d.at().isAfter(drillOk))) {
                    drillOk = d.at();
                }
            }
        }
        add(series, "compose_guard_backup_last_verified_timestamp_seconds", labels,
                newest == null ? 0 : newest.createdAt().getEpochSecond());
        add(series, "compose_guard_backup_last_verified_size_bytes", labels, size);
        add(series, "compose_guard_drill_last_success_timestamp_seconds", labels,
                drillOk == null ? 0 : drillOk.getEpochSecond());
        if (lastDrill != null) {
            add(series, "compose_guard_drill_last_ok", labels, lastDrill.ok() ? 1 : 0);
        }
        if (repositoryConfigured || state.lastAttempt != null) { // no repository, no off-host series to alert on
            add(series, "compose_guard_push_last_success_timestamp_seconds", labels,
                    pushed == null ? 0 : pushed.getEpochSecond());
        }
        add(series, "compose_guard_check_ok", labels, v.ok() ? 1 : 0);
    }

    private static void family(Map<String, List<String>> series, String name, String help) {
        List<String> l = new ArrayList<>();
        l.add("# HELP " + name + " " + help);
        l.add("# TYPE " + name + " gauge");
        series.put(name, l);
    }

    private static void add(Map<String, List<String>> series, String name, String labels, long value) {
        series.get(name).add(name + labels + " " + value);
    }

    /** Label values: backslash, double quote and newline escaped, as the exposition format wants. */
    static String esc(String s) {
        return String.valueOf(s).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
