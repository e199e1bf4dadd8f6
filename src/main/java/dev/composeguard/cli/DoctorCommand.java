package dev.composeguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code compose-guard doctor}: not implemented yet. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class DoctorCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    public DoctorCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.say("doctor is not implemented yet");
        return ExitCodes.INTERNAL;
    }
}
