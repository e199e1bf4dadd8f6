package dev.composeguard.guard;

import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.run.ConfigFile;

/**
 * The project's {@code .compose-guard.yml}, read once per guarded call for every step that runs rules (lint before
 * the call, the deploy-time checks). A broken file never switches rules off, since that would let a blocking lint
 * error through: they run with their defaults, and the call says so once.
 */
public final class RuleSettings {
    private RuleConfig config;

    RuleConfig of(GuardedContext ctx) {
        if (config == null) {
            try {
                config = ConfigFile.load(ctx.project() == null ? null : ctx.project().workingDir());
            } catch (RuleConfig.ConfigException e) {
                ctx.call().say("warning: " + e.getMessage()
                        + "; lint and the deploy-time checks run with their default settings");
                config = RuleConfig.EMPTY;
            }
        }
        return config;
    }
}
