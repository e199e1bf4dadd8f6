package dev.composeguard.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The same schedule as an {@code /etc/cron.d} file, for hosts without systemd: backup and prune, then the check
 * whatever happened; the drill on its own line. The minute is spread by the project name (cron has no randomised
 * delay); missed runs are not caught up (cron has no Persistent=). Output goes to syslog through logger.
 */
public final class CronFile {
    private CronFile() {
    }

    public static String fileName(ScheduleSpec s) {
        return s.baseName(); // cron.d ignores names with dots
    }

    public static String render(ScheduleSpec s) {
        StringBuilder b = new StringBuilder();
        b.append("# written by compose-guard schedule install; remove with compose-guard schedule remove\n");
        b.append("SHELL=/bin/sh\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
        List<String> run = new ArrayList<>();
        for (List<String> cmd : s.backupCommands()) {
            run.add(line(s, cmd));
        }
        String body = "cd " + sh(s.workingDir().toString()) + " && " + env(s) + " && { " + String.join(" && ", run)
                + "; " + line(s, s.checkCommand()) + "; } 2>&1 | logger -t " + s.baseName();
        b.append(schedule(s)).append(" root ").append(cronEscape(body)).append('\n');
        if (s.drill() != null) {
            String drill = "cd " + sh(s.workingDir().toString()) + " && " + env(s) + " && "
                    + line(s, s.drillCommand()) + " 2>&1 | logger -t " + s.baseName() + "-drill";
            b.append(drillSchedule(s)).append(" root ").append(cronEscape(drill)).append('\n');
        }
        return b.toString();
    }

    private static String env(ScheduleSpec s) {
        String f = sh(s.envFile().toString());
        return "export COMPOSE_GUARD_BACKUP_DIR=" + sh(s.backupDir().toString()) + " && { [ ! -r " + f
                + " ] || { set -a; . " + f + "; set +a; }; }";
    }

    private static String line(ScheduleSpec s, List<String> args) {
        StringBuilder b = new StringBuilder(sh(s.guard().toString()));
        args.forEach(a -> b.append(' ').append(sh(a)));
        return b.toString();
    }

    static String schedule(ScheduleSpec s) {
        long m = s.every().toMinutes();
        if (m <= 60) {
            int offset = s.spread((int) m);
            return (m == 60 ? String.valueOf(offset) : offset + "-59/" + m) + " * * * *";
        }
        long h = m / 60;
        return s.spread(60) + " " + (h == 24 ? String.valueOf(s.spread(6)) : s.spread((int) h) + "-23/" + h)
                + " * * *";
    }

    private static String drillSchedule(ScheduleSpec s) {
        int minute = (s.spread(60) + 30) % 60;
        return switch (s.drill()) {
            case "daily" -> minute + " 4 * * *";
            case "monthly" -> minute + " 4 1 * *";
            default -> minute + " 4 * * 0";
        };
    }

    /** One word for /bin/sh: single-quoted unless it is plainly safe. */
    static String sh(String word) {
        return word.matches("[A-Za-z0-9_./:=@+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** cron turns an unescaped % into a newline. */
    private static String cronEscape(String s) {
        return s.replace("%", "\\%");
    }
}
