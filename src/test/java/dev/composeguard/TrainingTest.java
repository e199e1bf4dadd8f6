package dev.composeguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hidden training run behind the launcher's class-data archive: quiet, and it cleans up after itself. */
class TrainingTest {

    @TempDir
    Path tmp;

    @Test
    void trainingRunIsQuietAndSucceeds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path tmpdir = Files.createDirectories(tmp.resolve("tmp"));
        int code = Main.run(List.of("--guard-train"),
                Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "TMPDIR", tmpdir.toString()), tmp,
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        try (var s = Files.list(tmpdir)) {
            assertEquals(0, s.count(), "the temporary training directory is removed");
        }
        try (var s = Files.list(home)) {
            assertEquals(0, s.count(), "nothing written to HOME");
        }
    }

    @Test
    void fakeEngineAnswersReadOnlyCallsOnly() {
        assertEquals("OK", Training.FakeEngine.answer("GET", "/v1.41/_ping"));
        assertEquals(null, Training.FakeEngine.answer("POST", "/containers/create"));
        assertEquals(null, Training.FakeEngine.answer("DELETE", "/volumes/cg-train_pgdata"));
    }
}
