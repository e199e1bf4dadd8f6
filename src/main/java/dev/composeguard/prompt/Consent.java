package dev.composeguard.prompt;

import dev.composeguard.core.Ansi;
import dev.composeguard.core.CallContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Who may say yes to a risky call, and the one question that asks. Everything about consent lives here:
 * {@code COMPOSE_GUARD_CONFIRM} (automation: it must name the expected word exactly, and wins over a terminal),
 * {@code COMPOSE_GUARD_TTY} (the terminal to ask on, {@code /dev/tty} by default; tests point it nowhere), and the
 * typed question itself ({@link TerminalQuestion}, on JLine, loaded only when a question is really asked). The
 * question is asked on the controlling terminal, never on stdin, which belongs to compose ({@code -f -}).
 *
 * <pre>{@code
 * Consent consent = Consent.of(ctx);
 * if (!consent.possible("shop")) { refuse early: nobody could say yes }
 * Consent.Answer a = consent.ask(planLines, "shop");
 * if (!a.yes()) throw new GuardException(ExitCodes.REFUSED, a.why() + "; nothing was deleted");
 * }</pre>
 */
public final class Consent {
    public static final String CONFIRM_ENV = "COMPOSE_GUARD_CONFIRM";
    public static final String TTY_ENV = "COMPOSE_GUARD_TTY";
    static final String DEFAULT_TTY = "/dev/tty";

    private final CallContext ctx;
    private final String preset;
    private final String tty;

    private Consent(CallContext ctx, String preset, String tty) {
        this.ctx = ctx;
        this.preset = preset;
        this.tty = tty;
    }

    public static Consent of(CallContext ctx) {
        String preset = ctx.env().get(CONFIRM_ENV);
        String tty = ctx.env().get(TTY_ENV);
        return new Consent(ctx, preset == null || preset.isEmpty() ? null : preset,
                tty == null || tty.isEmpty() ? DEFAULT_TTY : tty);
    }

    /** The outcome of the question: yes, or why not (one line, no secret). */
    public record Answer(boolean yes, String why) {
    }

    /** True when {@code COMPOSE_GUARD_CONFIRM} is set (it then decides alone, terminal or not). */
    public boolean preset() {
        return preset != null;
    }

    /**
     * True when someone could say yes to {@code word}: the variable names it, or it is unset and a terminal opens.
     * False means: refuse before doing anything costly (a backup for a call that cannot proceed).
     */
    public boolean possible(String word) {
        return preset != null ? preset.equals(word) : terminalAvailable();
    }

    /** The terminal opens for reading (ENXIO without a controlling terminal: cron, CI, setsid). */
    public boolean terminalAvailable() {
        try (FileInputStream in = new FileInputStream(tty)) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** How to say yes, for refusal messages. */
    public static String hint(String word) {
        return "type " + word + " at the question on a terminal, or set " + CONFIRM_ENV + "=" + word;
    }

    /**
     * Shows {@code plan} once and asks for {@code word}. With the variable set, the plan goes to stderr and the
     * variable answers; without it, on the terminal, only the exact word typed after the question appeared is yes
     * (type-ahead is discarded; Ctrl-C, Ctrl-D and anything else are no). No terminal and no variable: the plan goes
     * to stderr and the answer is no.
     */
    public Answer ask(List<String> plan, String word) {
        if (preset != null) {
            plan.forEach(l -> ctx.err().println("compose-guard: " + l));
            if (preset.equals(word)) {
                return new Answer(true, "confirmed by " + CONFIRM_ENV + "=" + word);
            }
            return new Answer(false, CONFIRM_ENV + " is set but does not name " + word);
        }
        if (!terminalAvailable()) {
            plan.forEach(l -> ctx.err().println("compose-guard: " + l));
            return new Answer(false, "no terminal to confirm on and " + CONFIRM_ENV + " is not set");
        }
        ctx.err().flush();
        TerminalQuestion.Outcome o;
        try {
            o = TerminalQuestion.ask(tty, ctx.env().get("TERM"), plan, word, Ansi.enabledOnTerminal(ctx));
        } catch (IOException | RuntimeException | LinkageError e) {
            plan.forEach(l -> ctx.err().println("compose-guard: " + l));
            return new Answer(false, "could not ask on " + tty + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return switch (o) {
            case YES -> new Answer(true, "confirmed on the terminal");
            case WRONG -> new Answer(false, "not confirmed (the answer was not " + word + ")");
            case INTERRUPTED -> new Answer(false, "cancelled (Ctrl-C)");
            case EOF -> new Answer(false, "cancelled (Ctrl-D)");
        };
    }
}
