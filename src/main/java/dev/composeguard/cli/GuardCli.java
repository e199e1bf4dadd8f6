package dev.composeguard.cli;

import dev.composeguard.core.Ansi;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.exec.Projects;
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

    /** The guard's commands, in the order {@code --guard-help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(LintCommand.class, ExplainCommand.class,
            BackupCommand.class, BackupsCommand.class, RestoreCommand.class, DoctorCommand.class, ScheduleCommand.class);

    /** The whole command tree, as {@code --guard-help} and the shell completions see it. */
    public static CommandLine commandLine(CallContext ctx) {
        return commandLine(ctx, null);
    }

    /**
     * The command tree with only {@code command}'s branch when it names one of the guard's commands. Picocli builds
     * its model by reflection over every command it is given, and its classes (Java 5 bytecode) cannot go into the
     * class-data archive: the whole tree cost ~250 ms before a lint of ten services began.
     */
    static CommandLine commandLine(CallContext ctx, String command) {
        Factory factory = new Factory(ctx);
        CommandLine cl = new CommandLine(new GuardCli(), factory);
        boolean known = COMMANDS.stream().anyMatch(c -> nameOf(c).equals(command));
        for (Class<?> c : COMMANDS) {
            if (!known || nameOf(c).equals(command)) {
                cl.addSubcommand(nameOf(c), new CommandLine(c, factory));
            }
        }
        // After the subcommands: picocli hands these settings only to the subcommands it already has.
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

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
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
        if ((LintCommand.NAME.equals(inv.command()) || ExplainCommand.NAME.equals(inv.command()))
                && !ComposeOptions.givenIn(inv.commandArgs())) {
            Projects.prepare(ctx); // the project loads while picocli builds its model and parses the options
        }
        CommandLine cl = commandLine(ctx, inv.command());
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
