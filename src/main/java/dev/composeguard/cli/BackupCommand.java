package dev.composeguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code compose-guard backup}: not implemented yet. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class BackupCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    public BackupCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.say("backup is not implemented yet");
        return ExitCodes.INTERNAL;
    }
}
