package dev.composeguard.prompt;

import dev.composeguard.backup.Progress;
import dev.composeguard.backup.Sizes;
import dev.composeguard.core.Ansi;
import dev.composeguard.core.CallContext;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Shows {@link Progress} on stderr (stdout is compose's). On a terminal: one line per step, rewritten in place
 * ({@code \r}, no escape sequence) with bytes done/total, rate and ETA, at most 5 times a second, and ended with a
 * summary when the step took long enough to be shown. Not on a terminal (a log file, CI): no control characters,
 * one plain line every {@value #PLAIN_EVERY_S} s at most, so a long backup still shows it is alive.
 */
public final class ProgressLine implements Progress {
    static final long PLAIN_EVERY_S = 10;
    private static final long NS = 1_000_000_000L;
    private static final long FIRST_SHOW_NS = 300_000_000L;
    private static final long REDRAW_NS = 200_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final int columns;
    private final LongSupplier clock;
    private int shownWidth;

    public ProgressLine(PrintStream err, boolean terminal, int columns, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.columns = Math.max(40, columns);
        this.clock = clock;
    }

    /** For the guard's stderr: a terminal decides the style; {@code COLUMNS} (else 80) the width. */
    public static ProgressLine on(CallContext ctx) {
        int cols = 80;
        try {
            cols = Integer.parseInt(ctx.env().getOrDefault("COLUMNS", "80").trim());
        } catch (NumberFormatException ignored) {
            // 80
        }
        return new ProgressLine(ctx.err(), Ansi.isTerminal(ctx.err()), cols, System::nanoTime);
    }

    /** A message that must not land in the middle of a live progress line: ends that line first. */
    public void say(CallContext ctx, String message) {
        endLine();
        ctx.say(message);
    }

    private synchronized void endLine() {
        if (shownWidth > 0) {
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
            shownWidth = 0;
        }
    }

    @Override
    public Step step(String label, long totalBytes) {
        return new Line(label, totalBytes, clock.getAsLong());
    }

    private final class Line implements Step {
        private final String label;
        private final long total;
        private final long started;
        private long lastShown;
        private long bytes;
        private boolean shown;

        Line(String label, long total, long started) {
            this.label = label;
            this.total = total;
            this.started = started;
            this.lastShown = started;
        }

        @Override
        public void done(long done) {
            bytes = done;
            long now = clock.getAsLong();
            long since = now - lastShown;
            if (terminal ? (shown ? since >= REDRAW_NS : now - started >= FIRST_SHOW_NS) : since >= PLAIN_EVERY_S * NS) {
                lastShown = now;
                shown = true;
                show(text(now), false);
            }
        }

        @Override
        public void close() {
            if (!shown) {
                return;
            }
            long secs = (clock.getAsLong() - started) / NS;
            show(label + ": " + Sizes.human(bytes) + " in " + secs + " s", true);
        }

        String text(long now) {
            double secs = Math.max(0.001, (now - started) / (double) NS);
            double rate = bytes / secs;
            StringBuilder b = new StringBuilder("  ").append(Sizes.human(bytes));
            if (total > 0) {
                b.append(" / ~").append(Sizes.human(total));
            }
            b.append("  ").append(Sizes.human((long) rate)).append("/s");
            if (total > bytes && rate > 0) {
                b.append("  ETA ").append(eta((long) ((total - bytes) / rate)));
            }
            // The numbers must stay visible on one line: a long label (container:path) is shortened instead.
            int room = columns - 1 - "compose-guard: ".length() - b.length();
            return (label.length() <= room ? label : label.substring(0, Math.max(1, room - 1)) + "…") + b;
        }

        private void show(String text, boolean last) {
            synchronized (ProgressLine.this) {
                String line = "compose-guard: " + text;
                if (!terminal) {
                    err.println(line);
                    return;
                }
                if (line.length() > columns - 1) {
                    line = line.substring(0, columns - 2) + "…";
                }
                int pad = Math.max(0, shownWidth - line.length());
                err.print("\r" + line + " ".repeat(pad));
                if (last) {
                    err.println();
                    shownWidth = 0;
                } else {
                    shownWidth = line.length();
                }
                err.flush();
            }
        }
    }

    static String eta(long s) {
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }
}
