package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.PushState;
import dev.composeguard.schedule.Scheduler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code schedule status}: the project's schedule files, its timers, the newest backup and push. Exit 1: none. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the project's schedule (exit 1 when none is installed).")
public final class ScheduleStatusCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Mixin
    ScheduleCommand.Where where = new ScheduleCommand.Where();

    public ScheduleStatusCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String project = CommandTarget.of(ctx, compose, e -> { }).name();
        Scheduler scheduler = where.scheduler(ctx);
        List<Path> files = scheduler.installed(project);
        if (files.isEmpty()) {
            ctx.out().println("no schedule for project " + project + " in " + scheduler.dir());
            return ExitCodes.FINDINGS;
        }
        files.forEach(f -> ctx.out().println("installed " + f));
        String timers = scheduler.timerStatus(project);
        if (timers != null) {
            ctx.out().print(timers);
        }
        BackupStore store = BackupStore.fromEnv(ctx.env());
        store.list().stream().filter(b -> project.equals(b.manifest().project)).reduce((a, b) -> b)
                .ifPresent(b -> ctx.out().println("newest backup " + b.id() + " (" + b.manifest().createdAt + ")"));
        PushState s = PushState.read(store.root(), project);
        if (s.lastAttempt != null) {
            ctx.out().println("last push " + s.lastAttempt + (s.failed() ? " FAILED: " + s.lastError : " ok"));
        }
        return ExitCodes.OK;
    }
}
