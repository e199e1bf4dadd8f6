package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.schedule.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code schedule remove}: disables and deletes the project's schedule; backups are never touched. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Disable and delete the project's schedule (its backups stay).")
public final class ScheduleRemoveCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Mixin
    ScheduleCommand.Where where = new ScheduleCommand.Where();

    public ScheduleRemoveCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String project = CommandTarget.of(ctx, compose, e -> { }).name();
        Scheduler scheduler = where.scheduler(ctx);
        try {
            List<Path> gone = scheduler.remove(project, ctx::say);
            if (gone.isEmpty()) {
                ctx.say("no schedule for project " + project + " in " + scheduler.dir());
            }
        } catch (IOException e) {
            throw new GuardException(ExitCodes.INTERNAL, "cannot remove the schedule: " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
