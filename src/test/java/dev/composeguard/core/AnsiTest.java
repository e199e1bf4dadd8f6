package dev.composeguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.CallContext;
import dev.composeguard.invocation.InvocationParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnsiTest {

    private static final Ansi.TerminalCheck TTY = () -> true;
    private static final Ansi.TerminalCheck PIPE = () -> false;
    private static final Ansi.TerminalCheck UNASKED = () -> {
        throw new AssertionError("the terminal check must not run when flags or environment decide");
    };

    @Test
    void onlyOnATerminalByDefault() {
        assertTrue(Ansi.decide(null, Map.of(), TTY));
        assertFalse(Ansi.decide(null, Map.of(), PIPE));
        assertTrue(Ansi.decide("auto", Map.of(), TTY));
    }

    @Test
    void flagWinsThenComposeAnsiThenNoColorThenDumbTerm() {
        assertFalse(Ansi.decide("never", Map.of(), UNASKED));
        assertTrue(Ansi.decide("always", Map.of("NO_COLOR", "1"), UNASKED));
        assertFalse(Ansi.decide("NEVER", Map.of("COMPOSE_ANSI", "always"), UNASKED));
        assertFalse(Ansi.decide(null, Map.of("COMPOSE_ANSI", "never"), UNASKED));
        assertTrue(Ansi.decide(null, Map.of("COMPOSE_ANSI", "always"), UNASKED));
        assertFalse(Ansi.decide(null, Map.of("NO_COLOR", "1"), UNASKED));
        assertTrue(Ansi.decide(null, Map.of("NO_COLOR", ""), TTY), "NO_COLOR set but empty does not count");
        assertFalse(Ansi.decide(null, Map.of("TERM", "dumb"), UNASKED));
    }

    @Test
    void globalAnsiFlagAndCommandFlagFromTheCall() {
        PrintStream buffer = new PrintStream(new ByteArrayOutputStream());
        CallContext never = ctx(List.of("--ansi", "never", "lint"), buffer);
        assertTrue(Ansi.enabled(never, buffer, "always"), "a command's own --ansi wins");
        assertFalse(Ansi.enabled(never));
        CallContext always = ctx(List.of("--ansi", "always", "lint"), buffer);
        assertTrue(Ansi.enabled(always));
        assertFalse(Ansi.enabled(ctx(List.of("lint"), buffer)), "a buffer is not a terminal");
        assertFalse(Ansi.enabled(ctx(List.of("--no-ansi", "lint"), buffer), buffer, null));
    }

    @Test
    void paint() {
        assertEquals("\u001b[31mx\u001b[0m", Ansi.paint(true, Ansi.RED, "x"));
        assertEquals("x", Ansi.paint(false, Ansi.RED, "x"));
    }

    private static CallContext ctx(List<String> argv, PrintStream stream) {
        return new CallContext(InvocationParser.parse(argv, Map.of()), Map.of(), Path.of("/"),
                new ByteArrayInputStream(new byte[0]), stream, stream, java.util.List.of());
    }
}
