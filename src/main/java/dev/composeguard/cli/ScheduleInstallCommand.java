package dev.composeguard.cli;

import dev.composeguard.exec.Projects;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Retention;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.schedule.ScheduleSpec;
import dev.composeguard.schedule.Scheduler;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code schedule install --every 6h [--keep-* N] [--drill weekly] [--textfile DIR] [--dry-run]}. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Write (and with systemd, enable) the schedule for the project in this directory.")
public final class ScheduleInstallCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Mixin
    ScheduleCommand.Where where = new ScheduleCommand.Where();

    @Option(names = "--every", required = true, paramLabel = "DUR", description = "How often: 15m, 30m, 1h, 6h, 12h, 24h.")
    String every;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "prune: every backup of the last N hours")
    int keepHourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "prune: the newest of each of the last N days")
    int keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "prune: the newest of each of the last N weeks")
    int keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "prune: the newest of each of the last N months")
    int keepMonthly;

    @Option(names = "--drill", paramLabel = "WHEN", description = "A restore drill: daily, weekly or monthly.")
    String drill;

    @Option(names = "--textfile", paramLabel = "DIR", description = "The check writes its metrics here "
            + "(node_exporter's textfile collector directory).")
    String textfile;

    @Option(names = "--restic-env", paramLabel = "FILE", description = "File with restic's variables, read by the "
            + "schedule if it exists (default: /etc/compose-guard/PROJECT.env, or ~/.config/compose-guard/ as a user).")
    String resticEnv;

    @Option(names = "--dry-run", description = "Print every file (preceded by '# <file name>'); change nothing.")
    boolean dryRun;

    public ScheduleInstallCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Scheduler scheduler = where.scheduler(ctx);
        ScheduleSpec spec = spec(load());
        Map<String, String> files = scheduler.files(spec);
        if (dryRun) {
            files.forEach((name, text) -> ctx.out().print("# " + name + "\n" + text + "\n"));
            ctx.say("dry run: nothing was written");
            return ExitCodes.OK;
        }
        try {
            scheduler.install(files, ctx::say);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.INTERNAL, "cannot install the schedule in " + scheduler.dir() + ": "
                    + e.getMessage(), e);
        }
        ctx.say("scheduled project " + spec.project() + " every " + every + (drill == null ? "" : ", drill " + drill)
                + "; restic's variables, if any, go in " + spec.envFile() + " (0600)");
        return ExitCodes.OK;
    }

    private Project load() {
        try {
            return Projects.load(ctx, compose.toGlobalOptions(), Projects.flavor(ctx));
        } catch (ProjectLoadException e) {
            throw new GuardException(ExitCodes.USAGE, "cannot schedule: " + e.oneLine() + "; nothing was written");
        }
    }

    private ScheduleSpec spec(Project project) {
        String name = project.name().value();
        List<String> args = new ArrayList<>(List.of("-p", name));
        List<String> files = new ArrayList<>(ctx.invocation().global().files());
        files.addAll(compose.files);
        for (String f : files) {
            args.add("-f");
            args.add(ctx.cwd().resolve(f).toAbsolutePath().normalize().toString());
        }
        Path envFile = resticEnv != null ? ctx.cwd().resolve(resticEnv) : ScheduleCommand.isRoot()
                ? Path.of("/etc/compose-guard", name + ".env")
                : Path.of(ctx.env().getOrDefault("HOME", "/root"), ".config/compose-guard", name + ".env");
        try {
            return new ScheduleSpec(name, ctx.cwd(), args, launcher(),
                    BackupStore.location(ctx.env()).toAbsolutePath(), Retention.parseDuration(every),
                    new Retention(keepHourly, keepDaily, keepWeekly, keepMonthly), drill,
                    textfile == null ? null : ctx.cwd().resolve(textfile).toAbsolutePath().normalize(), envFile);
        } catch (IllegalArgumentException e) {
            throw new GuardException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The launcher the schedule calls: the one running now, else compose-guard on PATH. */
    private Path launcher() {
        String self = ctx.env().get("COMPOSE_GUARD_LAUNCHER");
        if (self != null && !self.isEmpty()) {
            return Path.of(self);
        }
        for (String dir : ctx.env().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "compose-guard");
            if (Files.isExecutable(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new GuardException(ExitCodes.USAGE, "cannot find the compose-guard launcher on PATH to schedule");
    }

}
