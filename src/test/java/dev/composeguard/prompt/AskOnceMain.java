package dev.composeguard.prompt;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.GuardException;
import dev.composeguard.guard.ConsentPlan;
import dev.composeguard.guard.GuardedCall;
import dev.composeguard.guard.GuardedContext;
import dev.composeguard.invocation.InvocationParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The call's one question without Docker, for the pseudo-terminal tests: a plan with a lint part and a destroy part
 * whose "backup" is {@code args[0]}, asked through {@link GuardedCall#askOnce} as a guarded call would. Sleeps
 * {@code args[1]} ms first (a slow backup, during which people type ahead). Exit 0 when confirmed, else the
 * refusal's exit code with its message, as Main prints it.
 */
public final class AskOnceMain {
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        var call = new CallContext(InvocationParser.parse(List.of("up", "-d"), env), env, Path.of("").toAbsolutePath(),
                System.in, System.out, System.err);
        GuardedContext ctx = new GuardedContext(call, null, null, null);
        Thread.sleep(Long.parseLong(args[1]));
        ctx.consent().add("shop", new ConsentPlan.Part(List.of("lint: 1 error, 0 warnings, 0 info in project shop:",
                "compose.yaml:6:1: error [CG108] API_TOKEN is a plaintext secret in the compose file"),
                "lint found 1 error (CG108)"));
        ctx.consent().add("shop", new ConsentPlan.Part(List.of("compose up will destroy data of project \"shop\":",
                "  - volume shop_db   1.2 GiB   services: db", "Plan: 1 volume (1.2 GiB) to destroy in project"
                        + " \"shop\". Verified backup: " + args[0]), "compose up would destroy 1 volume"));
        ctx.consent().backupAt(args[0]);
        try {
            GuardedCall.askOnce(ctx);
            System.err.println("compose-guard: PROCEEDING");
            System.exit(0);
        } catch (GuardException e) {
            System.err.println("compose-guard: " + e.getMessage());
            System.exit(e.exitCode());
        }
    }
}
