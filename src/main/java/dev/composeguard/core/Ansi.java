package dev.composeguard.core;

import dev.composeguard.core.CallContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the guard may colour a stream, decided the same way everywhere: {@code --ansi never|always|auto} (compose's
 * global flag, or a guard command's own) first, then {@code COMPOSE_ANSI}, then {@code NO_COLOR} (set and not empty:
 * never), then {@code TERM=dumb} (never), and otherwise only when the stream is a terminal. Plain JDK, no picocli:
 * usable on every path.
 *
 * <pre>{@code
 * String w = Ansi.paint(Ansi.enabled(ctx), Ansi.YELLOW, "warning");   // for ctx.err()
 * boolean colourReport = Ansi.enabled(ctx, ctx.out(), ansiOption);    // for a report on stdout
 * }</pre>
 */
public final class Ansi {
    public static final String RESET = "\u001b[0m";
    public static final String BOLD = "\u001b[1m";
    public static final String DIM = "\u001b[2m";
    public static final String RED = "\u001b[31m";
    public static final String GREEN = "\u001b[32m";
    public static final String YELLOW = "\u001b[33m";
    public static final String BLUE = "\u001b[34m";

    private Ansi() {
    }

    /** For the guard's own messages on {@code ctx.err()}. */
    public static boolean enabled(CallContext ctx) {
        return enabled(ctx, ctx.err(), null);
    }

    /** For {@code stream} (usually {@code ctx.out()} or {@code ctx.err()}). */
    public static boolean enabled(CallContext ctx, PrintStream stream) {
        return enabled(ctx, stream, null);
    }

    /**
     * For {@code stream}, with a guard command's own {@code --ansi} value ({@code when}, may be null), which wins over
     * compose's global {@code --ansi}.
     */
    public static boolean enabled(CallContext ctx, PrintStream stream, String when) {
        String flag = when != null ? when : ctx.invocation() == null ? null : ctx.invocation().global().ansi();
        return decide(flag, ctx.env(), () -> isTerminal(stream));
    }

    /** For text written straight to the terminal (the confirmation question): the flags and environment decide. */
    public static boolean enabledOnTerminal(CallContext ctx) {
        String flag = ctx.invocation() == null ? null : ctx.invocation().global().ansi();
        return decide(flag, ctx.env(), () -> true);
    }

    /** {@code text} wrapped in {@code code} … reset when {@code on}; {@code text} unchanged otherwise. */
    public static String paint(boolean on, String code, String text) {
        return on ? code + text + RESET : text;
    }

    /** The terminal check, deferred: it is skipped when the flags or the environment already decide. */
    interface TerminalCheck {
        boolean isTerminal();
    }

    static boolean decide(String flag, Map<String, String> env, TerminalCheck terminal) {
        String when = flag != null && !flag.isEmpty() ? flag : env.get("COMPOSE_ANSI");
        when = when == null ? "auto" : when.toLowerCase(Locale.ROOT);
        if (when.equals("never")) {
            return false;
        }
        if (when.equals("always")) {
            return true;
        }
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        return terminal.isTerminal();
    }

    /**
     * True when {@code stream} is this process's stdout or stderr and that descriptor is a terminal. On Linux the
     * descriptor's target is read from /proc (JDK 17's {@code System.console()} only tells stdin+stdout together).
     * Any other stream (a test's buffer, a file) is not a terminal.
     */
    public static boolean isTerminal(PrintStream stream) {
        int fd = stream == System.out ? 1 : stream == System.err ? 2 : -1;
        if (fd < 0) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | RuntimeException e) {
            return fd == 1 && System.console() != null;
        }
    }
}
