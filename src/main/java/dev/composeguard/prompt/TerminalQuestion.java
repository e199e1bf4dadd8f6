package dev.composeguard.prompt;

import dev.composeguard.core.Ansi;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.PosixSysTerminal;
import org.jline.terminal.impl.exec.ExecPty;
import org.jline.terminal.impl.exec.ExecTerminalProvider;

/**
 * The typed question on a terminal device, on JLine 4. The only class that touches JLine: {@link Consent} calls it
 * when a human must answer, so no other call (and never the safe path) loads JLine.
 *
 * <p>The terminal is the device itself ({@code /dev/tty} or {@code COMPOSE_GUARD_TTY}), opened by path, so that the
 * question works when stdin is compose's ({@code -f -}) and output never goes to stdout. JLine's exec provider
 * drives it with {@code stty -F DEVICE} (Java 17: no FFM; no JNI library to unpack). Before the question, whatever
 * sits in the terminal's input queue (typed while the backup ran) is read and thrown away: only keys pressed after
 * the question appeared can answer it.
 */
final class TerminalQuestion {
    enum Outcome { YES, WRONG, INTERRUPTED, EOF }

    private TerminalQuestion() {
    }

    /** A pty driven by {@code stty -F device}; ExecPty's constructor is protected. */
    private static final class DevicePty extends ExecPty {
        DevicePty(String device) {
            super(new ExecTerminalProvider(), null, device);
        }
    }

    static Outcome ask(String device, String term, List<String> plan, String word, boolean colour) throws IOException {
        String type = term == null || term.isEmpty() ? "dumb" : term;
        try (Terminal t = new PosixSysTerminal("compose-guard", type, new DevicePty(device), StandardCharsets.UTF_8,
                true, Terminal.SignalHandler.SIG_DFL)) {
            PrintWriter w = t.writer();
            if (t.getWidth() <= 0) {
                // A terminal that reports no size (a bare pty, a serial console): the line editor cannot draw in
                // zero columns, so give the device a conventional size.
                t.setSize(new Size(80, Math.max(24, t.getHeight())));
            }
            int width = t.getWidth() > 0 ? t.getWidth() : 80;
            for (String l : Wrap.lines(plan, width)) {
                w.println(paint(colour, l));
            }
            w.flush();
            AtomicBoolean interrupted = new AtomicBoolean();
            Terminal.SignalHandler before = t.handle(Terminal.Signal.INT, s -> interrupted.set(true));
            int discarded = discardTypeAhead(t, device);
            t.handle(Terminal.Signal.INT, before);
            if (interrupted.get() || discarded < 0) {
                w.println();
                w.flush();
                return Outcome.INTERRUPTED;
            }
            if (discarded > 0) {
                w.println(Ansi.paint(colour, Ansi.YELLOW, "compose-guard: " + discarded + " key(s) typed before this"
                        + " question were discarded; answer now"));
            }
            LineReader reader = LineReaderBuilder.builder().terminal(t).appName("compose-guard")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true).build();
            String prompt = "compose-guard: type " + Ansi.paint(colour, Ansi.BOLD, word)
                    + " to proceed (anything else cancels): ";
            try {
                String line = reader.readLine(prompt);
                return line != null && line.trim().equals(word) ? Outcome.YES : Outcome.WRONG;
            } catch (UserInterruptException e) {
                w.println();
                w.flush();
                return Outcome.INTERRUPTED;
            } catch (EndOfFileException e) {
                w.println();
                w.flush();
                return Outcome.EOF;
            }
        }
    }

    /**
     * Reads and drops everything already waiting in the terminal's input queue (typed while the backup ran: a line
     * typed in cooked mode sits in the kernel's buffer, Enter included). The terminal is switched to non-canonical
     * mode with MIN=0 and TIME=0, so that a partial line counts too and a read returns at once with whatever is there
     * (nothing: Java reports -1): the drain never waits on a timer. Returns how many bytes were dropped, or -1 when they held a Ctrl-C (typed
     * before the question, it still means stop).
     */
    private static int discardTypeAhead(Terminal t, String device) throws IOException {
        Attributes saved = t.getAttributes();
        Attributes quiet = new Attributes(saved);
        quiet.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ECHO), false);
        quiet.setControlChar(Attributes.ControlChar.VMIN, 0);
        quiet.setControlChar(Attributes.ControlChar.VTIME, 0);
        t.setAttributes(quiet);
        try (FileInputStream in = new FileInputStream(device)) {
            int n = 0;
            boolean stop = false;
            byte[] buf = new byte[4096];
            for (int r = in.read(buf); r > 0; r = in.read(buf)) {
                for (int i = 0; i < r; i++) {
                    stop |= buf[i] == 3;
                }
                n += r;
            }
            return stop ? -1 : n;
        } finally {
            t.setAttributes(saved);
        }
    }

    private static String paint(boolean colour, String line) {
        if (!colour) {
            return line;
        }
        if (line.startsWith("Plan:")) {
            return Ansi.paint(true, Ansi.BOLD, line);
        }
        if (line.startsWith("  - ")) {
            return Ansi.paint(true, Ansi.RED, line);
        }
        if (line.startsWith("  + ") || line.contains("backup just taken")) {
            return Ansi.paint(true, Ansi.GREEN, line);
        }
        return line;
    }
}
