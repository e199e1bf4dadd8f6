package dev.composeguard.schedule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd service + timer for the backup run (backup, prune; the check after it whatever happened, so the
 * metrics are always fresh and a failure leaves the unit failed) and, with a drill, a second pair on its own
 * calendar. Timers are {@code Persistent=true} (a run missed while the host was down happens at boot) with a
 * randomised delay (many hosts do not hit the repository at the same second).
 */
public final class SystemdUnits {
    private SystemdUnits() {
    }

    /** File name → content, in the order they are shown. */
    public static Map<String, String> render(ScheduleSpec s) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder svc = head(s, "compose-guard backup of project " + s.project());
        for (List<String> cmd : s.backupCommands()) {
            svc.append("ExecStart=").append(exec(s, cmd)).append('\n');
        }
        svc.append("# runs after success and failure alike: fresh metrics, and exit 1 (a failed unit) when stale\n");
        svc.append("ExecStopPost=").append(exec(s, s.checkCommand())).append('\n');
        out.put(s.baseName() + ".service", svc.toString());
        out.put(s.baseName() + ".timer", timer(s, "backup every " + human(s.every()), onCalendar(s.every()),
                randomDelay(s.every()), s.baseName() + ".service"));
        if (s.drill() != null) {
            StringBuilder drill = head(s, "compose-guard restore drill of project " + s.project());
            drill.append("ExecStart=").append(exec(s, s.drillCommand())).append('\n');
            out.put(s.baseName() + "-drill.service", drill.toString());
            out.put(s.baseName() + "-drill.timer", timer(s, s.drill() + " restore drill", s.drill(), "1h",
                    s.baseName() + "-drill.service"));
        }
        return out;
    }

    private static StringBuilder head(ScheduleSpec s, String description) {
        StringBuilder b = new StringBuilder();
        b.append("# written by compose-guard schedule install; remove with compose-guard schedule remove\n");
        b.append("[Unit]\nDescription=").append(description.replace("%", "%%")).append('\n');
        b.append("Wants=docker.service network-online.target\nAfter=docker.service network-online.target\n\n");
        b.append("[Service]\nType=oneshot\n");
        b.append("WorkingDirectory=").append(escape(s.workingDir().toString())).append('\n');
        b.append("Environment=").append(quote("COMPOSE_GUARD_BACKUP_DIR=" + s.backupDir())).append('\n');
        b.append("# restic's variables (RESTIC_REPOSITORY, RESTIC_PASSWORD_FILE …) for the off-host copy, if any\n");
        b.append("EnvironmentFile=-").append(escape(s.envFile().toString())).append('\n');
        return b;
    }

    private static String timer(ScheduleSpec s, String what, String calendar, String delay, String unit) {
        return "# written by compose-guard schedule install; remove with compose-guard schedule remove\n"
                + "[Unit]\nDescription=compose-guard " + what.replace("%", "%%") + " of project " + s.project() + "\n\n"
                + "[Timer]\nOnCalendar=" + calendar + "\nRandomizedDelaySec=" + delay + "\nPersistent=true\nUnit="
                + unit + "\n\n[Install]\nWantedBy=timers.target\n";
    }

    private static String exec(ScheduleSpec s, List<String> args) {
        StringBuilder b = new StringBuilder(quote(s.guard().toString()));
        args.forEach(a -> b.append(' ').append(quote(a)));
        return b.toString();
    }

    /** systemd's quoting for one word: specifiers (%) and variables ($) escaped, quoted when needed. */
    static String quote(String word) {
        String w = escape(word).replace("$", "$$").replace("\\", "\\\\").replace("\"", "\\\"");
        return w.matches("[A-Za-z0-9_./:=@+,-]+") ? w : "\"" + w + "\"";
    }

    private static String escape(String s) {
        return s.replace("%", "%%");
    }

    /** OnCalendar for an interval that divides a day. */
    static String onCalendar(Duration every) {
        long m = every.toMinutes();
        if (m % (24 * 60) == 0) {
            return "daily";
        }
        if (m % 60 == 0) {
            return "*-*-* 00/" + m / 60 + ":00:00";
        }
        return "*-*-* *:00/" + m + ":00";
    }

    /** A tenth of the interval, at most 30 minutes. */
    static String randomDelay(Duration every) {
        long sec = Math.min(every.toSeconds() / 10, 1800);
        return sec % 60 == 0 ? sec / 60 + "min" : sec + "s";
    }

    static String human(Duration d) {
        long m = d.toMinutes();
        return m % 1440 == 0 ? m / 1440 + "d" : m % 60 == 0 ? m / 60 + "h" : m + "m";
    }
}
