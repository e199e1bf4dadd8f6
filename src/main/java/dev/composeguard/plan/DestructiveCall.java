package dev.composeguard.plan;

import dev.composeguard.invocation.CommandFlags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compose call that can delete volume data, read from its own flags (every spelling: {@code -v},
 * {@code --volumes}, {@code --volumes=true}, grouped short flags).
 *
 * @param command       down, rm, up or create
 * @param removeVolumes {@code down -v} / {@code rm -v}
 * @param renewAnon     {@code up/create -V}
 * @param yes           {@code up/create -y/--yes} (compose 2.32+ recreates volumes whose configuration differs)
 * @param forceRecreate {@code up/create --force-recreate}
 * @param stopFirst     {@code rm -s}: running containers are stopped and removed too
 * @param services      the services named on the command line (empty: all)
 */
public record DestructiveCall(String command, boolean removeVolumes, boolean renewAnon, boolean yes,
        boolean forceRecreate, boolean stopFirst, List<String> services) {

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

    /** The call when it may delete data (up --force-recreate only may: the planner decides), else empty. */
    public static Optional<DestructiveCall> of(String command, List<String> args) {
        if (command == null) {
            return Optional.empty();
        }
        switch (command) {
            case "down": {
                CommandFlags f = CommandFlags.parse(args, DOWN, DOWN_VALUES);
                return f.isSet("--volumes")
                        ? Optional.of(new DestructiveCall(command, true, false, false, false, false, f.positionals()))
                        : Optional.empty();
            }
            case "rm": {
                CommandFlags f = CommandFlags.parse(args, RM, Set.of());
                return f.isSet("--volumes")
                        ? Optional.of(new DestructiveCall(command, true, false, false, false, f.isSet("--stop"),
                                f.positionals()))
                        : Optional.empty();
            }
            case "up":
            case "create": {
                CommandFlags f = CommandFlags.parse(args, UP, UP_VALUES);
                boolean renew = f.isSet("--renew-anon-volumes");
                boolean yes = f.isSet("--yes");
                boolean force = f.isSet("--force-recreate");
                return renew || yes || force
                        ? Optional.of(new DestructiveCall(command, false, renew, yes, force, false, f.positionals()))
                        : Optional.empty();
            }
            default:
                return Optional.empty();
        }
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
