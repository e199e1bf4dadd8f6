package dev.composeguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code compose-guard explain}: not implemented yet. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class ExplainCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    public ExplainCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.say("explain is not implemented yet");
        return ExitCodes.INTERNAL;
    }
}
