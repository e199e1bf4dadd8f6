package dev.composeguard.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.backup.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line with a fake clock: redraws on a terminal, rare plain lines elsewhere. */
class ProgressLineTest {
    final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    final PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    long now;

    String run(boolean terminal) {
        ProgressLine p = new ProgressLine(err, terminal, 100, () -> now);
        try (Progress.Step s = p.step("backing up volume shop_db", 100L << 20)) {
            for (int i = 1; i <= 50; i++) {
                now += 500_000_000L; // half a second per 2 MiB: 4 MiB/s
                s.done(i * (2L << 20));
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLineIsRewrittenWithBytesRateAndEta() {
        String out = run(true);
        assertTrue(out.contains("\rcompose-guard: backing up volume shop_db  2.0 MiB / ~100 MiB  4.0 MiB/s  ETA 24 s"),
                out);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line, ended once: " + out);
        assertTrue(out.contains("\rcompose-guard: backing up volume shop_db: 100 MiB in 25 s ") && out.endsWith(" \n"), out);
        assertTrue(out.chars().noneMatch(c -> c == 0x1b), "no escape sequences (TERM=dumb safe)");
    }

    @Test
    void withoutATerminalAPlainLineEveryTenSecondsAndNoControlCharacters() {
        String out = run(false);
        assertTrue(out.chars().noneMatch(c -> c == '\r' || c == 0x1b), out);
        assertEquals(3, out.lines().count(), "at 10 s, 20 s, and the summary: " + out);
    }

    @Test
    void aLongLabelIsShortenedNotTheNumbers() {
        ProgressLine p = new ProgressLine(err, true, 60, () -> now);
        try (Progress.Step s = p.step("backing up " + "x".repeat(80) + ":/data", -1)) {
            now += 1_000_000_000L;
            s.done(1L << 20);
        }
        String first = buf.toString(StandardCharsets.UTF_8).split("\r")[1];
        assertTrue(first.trim().endsWith("1.0 MiB  1.0 MiB/s") && first.length() <= 59, first);
    }
}
