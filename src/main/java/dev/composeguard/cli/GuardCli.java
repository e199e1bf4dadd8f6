package dev.composeguard.cli;

import dev.composeguard.core.Ansi;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The guard's own commands (lint, explain, backup, backups, restore, doctor) and {@code --guard-help} /
 * {@code --guard-version}. Loaded only for these commands: picocli never runs on the compose hot path.
 * Exit codes are mapped here, in one place.
 */
@Command(name = "compose-guard",
        description = {"A guard in front of docker compose that stops the mistakes that destroy production data.",
                "Every other command is handed to the real docker compose unchanged."},
        subcommands = {LintCommand.class, ExplainCommand.class, BackupCommand.class, BackupsCommand.class,
                RestoreCommand.class, DoctorCommand.class, ScheduleCommand.class},
        versionProvider = GuardCli.Version.class,
        footerHeading = "%nExamples:%n",
        footer = {
            "  compose-guard lint              check the project in this directory",
            "  compose-guard -p shop explain   what compose would load: files, names, volumes",
            "  docker-compose down -v          through the guard: what would go, a backup,",
            "                                  then the project name typed to confirm",
            "  COMPOSE_GUARD_CONFIRM=shop docker compose -p shop down -v",
            "                                  the same from a script",
            "  compose-guard backups prune --keep-daily 7",
            "                                  keep a week of daily backups",
            "  compose-guard doctor            compose, engine, installation and project",
            "",
            "Every other command and flag is compose's (docker compose --help).",
            "Manual: man compose-guard"})
public final class GuardCli {

    private static String version() {
        return dev.composeguard.core.Version.current();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"compose-guard " + version()};
        }
    }

    /** Builds the command line used by {@link #run} and by tests. */
    public static CommandLine commandLine(CallContext ctx) {
        CommandLine cl = new CommandLine(new GuardCli(), new Factory(ctx));
        // The guard's one colour rule (terminal only, --ansi, NO_COLOR), also for picocli's usage help.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                Ansi.enabled(ctx, ctx.out()) ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cl.setOut(new PrintWriter(ctx.out(), true));
        cl.setErr(new PrintWriter(ctx.err(), true));
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof GuardException g) {
                ctx.say(g.getMessage());
                return g.exitCode();
            }
            ctx.say("internal error: " + ex);
            if (ctx.env().containsKey("COMPOSE_GUARD_DEBUG")) {
                ex.printStackTrace(ctx.err());
            }
            return ExitCodes.INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ctx.say(ex.getMessage());
            ctx.err().println("Try 'compose-guard --guard-help' or 'compose-guard " + commandName(ex.getCommandLine())
                    + " --help'.");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    private static String commandName(CommandLine cl) {
        return cl.getCommandName().equals("compose-guard") ? "COMMAND" : cl.getCommandName();
    }

    public static int run(CallContext ctx) {
        var inv = ctx.invocation();
        if ("--guard-version".equals(inv.command())) {
            // Before the picocli model is built: that alone costs ~170 ms of CPU.
            ctx.out().println("compose-guard " + version());
            return ExitCodes.OK;
        }
        CommandLine cl = commandLine(ctx);
        if ("--guard-help".equals(inv.command())) {
            cl.usage(ctx.out());
            return ExitCodes.OK;
        }
        List<String> args = new ArrayList<>();
        args.add(inv.command());
        args.addAll(inv.commandArgs());
        return cl.execute(args.toArray(new String[0]));
    }

    /** Gives every command the call's context through its constructor. */
    static final class Factory implements CommandLine.IFactory {
        private final CallContext ctx;

        Factory(CallContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(CallContext.class).newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
