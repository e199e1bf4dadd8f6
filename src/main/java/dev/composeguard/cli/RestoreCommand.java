package dev.composeguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code compose-guard restore}: not implemented yet. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class RestoreCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    public RestoreCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.say("restore is not implemented yet");
        return ExitCodes.INTERNAL;
    }
}
