package dev.composeguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code compose-guard backups}: not implemented yet. */
@Command(name = "backups", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class BackupsCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    public BackupsCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.say("backups is not implemented yet");
        return ExitCodes.INTERNAL;
    }
}
