package dev.composeguard.plan;

import dev.composeguard.invocation.CommandFlags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compose call that can delete data, read from its own flags (every spelling: {@code -v},
 * {@code --volumes}, {@code --volumes=true}, grouped short flags). {@link #of} answers for the explicit destructive
 * flags; {@link #any} for every call that may remove or recreate a container or a volume (plain {@code down},
 * {@code rm}, {@code up}, {@code create}, {@code run}, {@code watch}), which the planner checks against the engine.
 *
 * @param command       down, rm, up, create, run or watch
 * @param removeVolumes {@code down -v} / {@code rm -v}
 * @param renewAnon     {@code up/create -V}
 * @param yes           {@code up/create -y/--yes} (compose 2.32+ recreates volumes whose configuration differs)
 * @param forceRecreate {@code up/create --force-recreate}
 * @param stopFirst     {@code rm -s}: running containers are stopped and removed too
 * @param services      the services named on the command line (empty: all; always empty for run and watch)
 * @param noRecreate    {@code up/create --no-recreate}: existing containers are kept
 */
public record DestructiveCall(String command, boolean removeVolumes, boolean renewAnon, boolean yes,
        boolean forceRecreate, boolean stopFirst, List<String> services, boolean noRecreate) {

    /** Commands that may remove or recreate a container or a volume without any destructive flag. */
    private static final Set<String> ANY = Set.of("down", "rm", "up", "create", "run", "watch");

    // Every long flag of a command that the guard checks is listed (identity entries too): CommandFlags reads v1's
    // unambiguous prefixes (--volu, --force-rec) against these names.
    private static final Map<String, String> DOWN = Map.of("-v", "--volumes", "-t", "--timeout",
            "--remove-orphans", "--remove-orphans");
    private static final Set<String> DOWN_VALUES = Set.of("--timeout", "--rmi");
    private static final Map<String, String> RM = Map.of("-v", "--volumes", "-f", "--force", "-s", "--stop");
    private static final Map<String, String> UP = Map.of("-V", "--renew-anon-volumes", "-y", "--yes", "--y", "--yes",
            "-d", "--detach", "-t", "--timeout", "--force-recreate", "--force-recreate", "--no-recreate",
            "--no-recreate");
    private static final Set<String> UP_VALUES = Set.of("--timeout", "--scale", "--exit-code-from", "--pull",
            "--wait-timeout", "--attach", "--no-attach", "--attach-dependencies-timeout");

    public DestructiveCall {
        services = List.copyOf(services);
    }

    /** The call when one of its flags deletes volume data (up --force-recreate only may: the planner decides). */
    public static Optional<DestructiveCall> of(String command, List<String> args) {
        return any(command, args).filter(DestructiveCall::flagged);
    }

    /** Any call of a command that may remove or recreate a container or volume, whatever its flags; else empty. */
    public static Optional<DestructiveCall> any(String command, List<String> args) {
        if (command == null || !ANY.contains(command)) {
            return Optional.empty();
        }
        switch (command) {
            case "down": {
                CommandFlags f = CommandFlags.parse(args, DOWN, DOWN_VALUES);
                return Optional.of(new DestructiveCall(command, f.isSet("--volumes"), false, false, false, false,
                        f.positionals(), false));
            }
            case "rm": {
                CommandFlags f = CommandFlags.parse(args, RM, Set.of());
                return Optional.of(new DestructiveCall(command, f.isSet("--volumes"), false, false, false,
                        f.isSet("--stop"), f.positionals(), false));
            }
            case "up":
            case "create": {
                CommandFlags f = CommandFlags.parse(args, UP, UP_VALUES);
                return Optional.of(new DestructiveCall(command, false, f.isSet("--renew-anon-volumes"),
                        f.isSet("--yes"), f.isSet("--force-recreate"), false, f.positionals(),
                        f.isSet("--no-recreate")));
            }
            default: // run, watch: their positionals are a command line, not services
                return Optional.of(new DestructiveCall(command, false, false, false, false, false, List.of(), false));
        }
    }

    /** True when an explicit flag asks for data to go: down/rm -v, up/create -V, -y or --force-recreate. */
    public boolean flagged() {
        return removeVolumes || renewAnon || yes || forceRecreate;
    }

    /** True for the commands that ensure the project's volumes (compose 2.32+ may recreate a diverged one). */
    public boolean ensuresVolumes() {
        return command.equals("up") || command.equals("create") || command.equals("run") || command.equals("watch");
    }

    /** True when compose takes {@code -y/--yes} for this command (its own volume question then needs no stdin). */
    public boolean takesYes() {
        return command.equals("up") || command.equals("create");
    }

    /** The call's destructive part as typed, e.g. {@code down -v}. */
    public String describe() {
        StringBuilder b = new StringBuilder(command);
        if (removeVolumes) {
            b.append(" -v");
        }
        if (renewAnon) {
            b.append(" -V");
        }
        if (yes) {
            b.append(" -y");
        }
        if (forceRecreate) {
            b.append(" --force-recreate");
        }
        services.forEach(s -> b.append(' ').append(s));
        return b.toString();
    }
}
