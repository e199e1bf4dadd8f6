package dev.composeguard.backup.offsite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.composeguard.testsupport.Cmd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Helpers around promtool (Debian's prometheus package); callers skip when it is absent. */
final class MetricsTest {
    private MetricsTest() {
    }

    static boolean promtool() {
        return Files.isExecutable(Path.of("/usr/bin/promtool"));
    }

    /** promtool check metrics reads the exposition on stdin; lint problems and format errors fail. */
    static void promtoolAccepts(String exposition) {
        if (!promtool()) {
            return;
        }
        Cmd.Result r = Cmd.run(null, Map.of(), List.of("promtool", "check", "metrics"),
                exposition.getBytes(StandardCharsets.UTF_8), 60);
        assertEquals(0, r.exitCode(), r + "\n" + exposition);
    }
}
