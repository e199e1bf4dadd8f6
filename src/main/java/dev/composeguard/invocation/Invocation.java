package dev.composeguard.invocation;

import java.util.List;

/**
 * One call of the guard, understood but not owned: {@link #argv} is what the user typed and is what compose
 * receives.
 *
 * @param argv           the arguments exactly as received
 * @param pluginMode     true when the docker CLI ran us as its {@code compose} plugin ({@code docker [flags] compose …})
 * @param composeStart   index in argv of the first compose argument (after {@code [docker flags] compose} in plugin mode)
 * @param global         compose's global flags
 * @param command        the subcommand ({@code up}, {@code lint} …), or null when there is none
 * @param commandArgs    everything after the subcommand
 * @param kind           how the guard treats the call
 */
public record Invocation(
        List<String> argv,
        boolean pluginMode,
        int composeStart,
        GlobalOptions global,
        String command,
        List<String> commandArgs,
        CommandKind kind) {

    public Invocation {
        argv = List.copyOf(argv);
        commandArgs = List.copyOf(commandArgs);
    }

    /** The compose part of argv ({@code argv} minus the docker flags and the {@code compose} word in plugin mode). */
    public List<String> composeArgs() {
        return argv.subList(composeStart, argv.size());
    }
}
