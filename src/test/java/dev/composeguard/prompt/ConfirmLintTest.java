package dev.composeguard.prompt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.cli.CallContext;
import dev.composeguard.invocation.InvocationParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variable path only: these tests must never reach /dev/tty (a developer's terminal would block them). */
class ConfirmLintTest {
    private static CallContext ctx(Map<String, String> env) {
        return new CallContext(InvocationParser.parse(List.of("up"), env), env, Path.of("/"),
                new ByteArrayInputStream("shop\n".getBytes()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), List.of());
    }

    @Test
    void envVariableMustMatchExactly() {
        assertTrue(Confirm.confirm(ctx(Map.of("COMPOSE_GUARD_CONFIRM", "shop")), "plan", "shop"));
        assertFalse(Confirm.confirm(ctx(Map.of("COMPOSE_GUARD_CONFIRM", "Shop")), "plan", "shop"));
        assertFalse(Confirm.confirm(ctx(Map.of("COMPOSE_GUARD_CONFIRM", "shop ")), "plan", "shop"));
    }
}
