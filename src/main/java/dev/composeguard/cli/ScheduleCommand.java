package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.schedule.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compose-guard schedule install|status|remove}: the post-mortem's schedule as systemd timers or cron. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Schedule backups of the current project: a systemd service + timer (or a cron.d file where "
                + "systemd is not running) that backs up (and pushes off-host when a restic repository is configured),"
                + " prunes, checks, and with --drill runs a restore drill.",
                "  install  write and enable the schedule (--dry-run prints it)",
                "  status   what is installed and when it runs",
                "  remove   disable and delete it"},
        subcommands = {ScheduleInstallCommand.class, ScheduleStatusCommand.class, ScheduleRemoveCommand.class})
public final class ScheduleCommand implements Callable<Integer> {
    private final CallContext ctx;

    public ScheduleCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        throw new GuardException(ExitCodes.USAGE, "schedule needs install, status or remove");
    }

    /** Options every schedule subcommand takes: which mechanism, and where its files go. */
    static class Where {
        @Option(names = "--kind", paramLabel = "KIND", description = "systemd or cron (default: systemd when it is "
                + "the running init, else cron)")
        String kind;

        @Option(names = "--unit-dir", paramLabel = "DIR", description = "Write the files here instead (nothing is "
                + "enabled; for packaging and review).")
        String unitDir;

        Scheduler scheduler(CallContext ctx) {
            Scheduler.Kind k;
            if (kind == null) {
                k = Scheduler.detect();
            } else {
                try {
                    k = Scheduler.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new GuardException(ExitCodes.USAGE, "--kind must be systemd or cron, not " + kind);
                }
            }
            try {
                return Scheduler.of(k, unitDir == null ? null : ctx.cwd().resolve(unitDir), isRoot(),
                        Path.of(ctx.env().getOrDefault("HOME", System.getProperty("user.home"))));
            } catch (IllegalStateException e) {
                throw new GuardException(ExitCodes.USAGE, e.getMessage());
            }
        }
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (java.io.IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
