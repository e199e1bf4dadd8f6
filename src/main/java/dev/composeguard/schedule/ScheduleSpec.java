package dev.composeguard.schedule;

import dev.composeguard.backup.Retention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What to run for one project and how often: backup (which pushes off-host when a repository is configured), prune
 * with the retention, the check (optionally into a textfile for node_exporter), and a drill on its own calendar.
 *
 * @param project     the project name (unit and file names derive from it)
 * @param workingDir  where the commands run (the directory the schedule was installed from)
 * @param composeArgs compose flags for every command ({@code -p NAME}, {@code -f FILE} absolute)
 * @param guard       absolute path of the compose-guard launcher
 * @param backupDir   the backup location at install time (written into the units, so that the schedule and the
 *                    person reading its backups agree)
 * @param every       how often: must divide a day (15m … 12h, 1d)
 * @param retention   prune's --keep-* (empty: no prune)
 * @param drill       null, daily, weekly or monthly
 * @param textfileDir node_exporter textfile directory for the check's metrics, or null
 * @param envFile     optional file of restic's variables (read by the unit; never written by the guard)
 */
public record ScheduleSpec(String project, Path workingDir, List<String> composeArgs, Path guard, Path backupDir,
        Duration every, Retention retention, String drill, Path textfileDir, Path envFile) {
    public static final List<String> DRILLS = List.of("daily", "weekly", "monthly");

    public ScheduleSpec {
        composeArgs = List.copyOf(composeArgs);
        long m = every.toMinutes();
        boolean fits = every.toSeconds() == m * 60 && m > 0
                && (m <= 60 ? 60 % m == 0 : m % 60 == 0 && (24 % (m / 60) == 0 || m == 24 * 60));
        if (!fits) {
            throw new IllegalArgumentException("--every must divide an hour or a day (e.g. 15m, 30m, 1h, 6h, 12h, 24h)"
                    + ", not " + every.toMinutes() + " min");
        }
        if (drill != null && !DRILLS.contains(drill)) {
            throw new IllegalArgumentException("--drill must be daily, weekly or monthly, not " + drill);
        }
    }

    /** The base name of the units and the cron file. */
    public String baseName() {
        return "compose-guard-" + project;
    }

    /** The check's --max-age: two intervals, so that one late run does not alert. */
    public String maxAge() {
        long minutes = every.toMinutes() * 2;
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    /** The guard's commands in order, each an argv without the launcher. */
    public List<List<String>> backupCommands() {
        List<List<String>> out = new ArrayList<>();
        out.add(withCompose(List.of("backup")));
        if (!retention.isEmpty()) {
            List<String> prune = new ArrayList<>(List.of("backups", "prune"));
            keep(prune, "--keep-hourly", retention.hours());
            keep(prune, "--keep-daily", retention.days());
            keep(prune, "--keep-weekly", retention.weeks());
            keep(prune, "--keep-monthly", retention.months());
            out.add(prune);
        }
        return out;
    }

    public List<String> checkCommand() {
        List<String> check = new ArrayList<>(List.of("backups", "check", "--max-age", maxAge()));
        if (textfileDir != null) {
            check.add("--textfile");
            check.add(textfileDir.toString());
        }
        return withCompose(check);
    }

    public List<String> drillCommand() {
        return withCompose(List.of("backups", "drill"));
    }

    private List<String> withCompose(List<String> cmd) {
        List<String> out = new ArrayList<>(cmd);
        out.addAll(composeArgs);
        return out;
    }

    private static void keep(List<String> args, String flag, int n) {
        if (n > 0) {
            args.add(flag);
            args.add(String.valueOf(n));
        }
    }

    /** A stable minute in [0, bound) from the project name: cron's stand-in for a randomised delay. */
    int spread(int bound) {
        return Math.floorMod(project.hashCode(), bound);
    }
}
