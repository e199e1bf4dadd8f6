package dev.composeguard.guard;

import dev.composeguard.cli.ExitCodes;
import dev.composeguard.cli.GuardException;
import dev.composeguard.invocation.CommandFlags;
import java.util.Map;
import java.util.Set;

/**
 * Stops calls that delete volumes until a fresh, verified backup exists and a human (or COMPOSE_GUARD_CONFIRM
 * naming the project) agrees. Until the backup flow is wired in, it fails closed: destructive calls are refused.
 */
public final class DestructiveGuard implements Step {

    @Override
    public void before(GuardedContext ctx) {
        if (isDestructive(ctx.command(), ctx.call().invocation().commandArgs())) {
            throw new GuardException(ExitCodes.REFUSED,
                    ctx.command() + " would delete volumes; refusing (backup flow not available)");
        }
    }

    /** True for calls that delete volumes: down -v, rm -v, up/create -V, up/create -y. */
    public static boolean isDestructive(String command, java.util.List<String> args) {
        if (command == null) {
            return false;
        }
        switch (command) {
            case "down": {
                var f = CommandFlags.parse(args, Map.of("-v", "--volumes", "-t", "--timeout"),
                        Set.of("--timeout", "--rmi"));
                return f.isSet("--volumes");
            }
            case "rm": {
                var f = CommandFlags.parse(args, Map.of("-v", "--volumes", "-f", "--force", "-s", "--stop"), Set.of());
                return f.isSet("--volumes");
            }
            case "up":
            case "create": {
                var f = CommandFlags.parse(args, Map.of("-V", "--renew-anon-volumes", "-y", "--yes", "--y", "--yes",
                        "-d", "--detach", "-t", "--timeout"),
                        Set.of("--timeout", "--scale", "--exit-code-from", "--pull", "--wait-timeout", "--attach",
                                "--no-attach", "--pull"));
                return f.isSet("--renew-anon-volumes") || f.isSet("--yes");
            }
            default:
                return false;
        }
    }
}
