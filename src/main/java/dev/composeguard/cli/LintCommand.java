package dev.composeguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code compose-guard lint}: not implemented yet. */
@Command(name = "lint", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class LintCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    public LintCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.say("lint is not implemented yet");
        return ExitCodes.INTERNAL;
    }
}
