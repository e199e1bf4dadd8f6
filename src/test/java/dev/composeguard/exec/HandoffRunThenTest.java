package dev.composeguard.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.composeguard.invocation.CommandKind;
import dev.composeguard.invocation.GlobalOptions;
import dev.composeguard.invocation.Invocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandoffRunThenTest {

    @Test
    void inProcessRunsComposeThenTheHookWithItsExitCode() {
        Invocation inv = new Invocation(List.of("-c", "exit 3"), false, 0, GlobalOptions.NONE, "up", List.of(),
                CommandKind.GUARDED);
        RealCompose real = new RealCompose(Path.of("/bin/sh"), false, "test");
        AtomicInteger seen = new AtomicInteger(-1);
        int rc = Handoff.runThen(inv, real, Map.of(), Path.of("/"), code -> {
            seen.set(code);
            return code;
        });
        assertEquals(3, rc);
        assertEquals(3, seen.get());
    }

    /** In-process, the guarded call's compose runs in the call's directory with the call's environment. */
    @Test
    void inProcessRunUsesTheCallsDirectoryAndEnvironment(@org.junit.jupiter.api.io.TempDir Path dir) {
        Invocation inv = new Invocation(List.of("-c", "[ \"$PWD\" = \"$WANT\" ] && [ -z \"$NOT_PASSED\" ] && exit 5; exit 9"),
                false, 0, GlobalOptions.NONE, "down", List.of(), CommandKind.GUARDED);
        RealCompose real = new RealCompose(Path.of("/bin/sh"), false, "test");
        int rc = Handoff.run(inv, real, Map.of("WANT", dir.toString(), "PATH", "/usr/bin:/bin"), dir);
        assertEquals(5, rc);
    }
}
