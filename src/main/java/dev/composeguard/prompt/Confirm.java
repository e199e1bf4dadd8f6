package dev.composeguard.prompt;

import dev.composeguard.cli.CallContext;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The typed confirmation in front of a risky call. {@code COMPOSE_GUARD_CONFIRM} is honoured first (automation:
 * it must name the expected word exactly); otherwise the human is asked on the controlling terminal
 * ({@code /dev/tty}), never on stdin, which belongs to compose. No terminal and no variable means no.
 */
public final class Confirm {
    public static final String ENV = "COMPOSE_GUARD_CONFIRM";

    private Confirm() {
    }

    /**
     * Shows {@code plan} and asks for {@code expectedWord}; true only when exactly that word was typed (or is in
     * COMPOSE_GUARD_CONFIRM).
     */
    public static boolean confirm(CallContext ctx, String plan, String expectedWord) {
        String given = ctx.env().get(ENV);
        if (given != null && !given.isEmpty()) {
            if (given.equals(expectedWord)) {
                ctx.say("confirmed by " + ENV + "=" + expectedWord);
                return true;
            }
            ctx.say(ENV + " is set but does not name " + expectedWord + "; not confirmed");
            return false;
        }
        try (FileInputStream tin = new FileInputStream("/dev/tty");
                OutputStream tout = new FileOutputStream("/dev/tty")) {
            String prompt = plan + (plan.endsWith("\n") ? "" : "\n")
                    + "compose-guard: type " + expectedWord + " to proceed (anything else cancels): ";
            tout.write(prompt.getBytes(StandardCharsets.UTF_8));
            tout.flush();
            String line = new BufferedReader(new InputStreamReader(tin, StandardCharsets.UTF_8)).readLine();
            return line != null && line.trim().equals(expectedWord);
        } catch (IOException | RuntimeException e) {
            ctx.say("no terminal to ask on; set " + ENV + "=" + expectedWord + " to proceed");
            return false;
        }
    }
}
