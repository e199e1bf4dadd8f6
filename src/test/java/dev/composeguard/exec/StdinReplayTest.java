package dev.composeguard.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.invocation.Invocation;
import dev.composeguard.invocation.InvocationParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdinReplayTest {

    @TempDir
    Path tmp;

    @AfterEach
    void forget() {
        StdinReplay.forget();
    }

    @Test
    void nothingReadMeansNothingToReplay() {
        StdinReplay.wrap(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        assertNull(StdinReplay.consumed());
    }

    @Test
    void remembersEveryByteReadOrSkipped() throws IOException {
        InputStream in = StdinReplay.wrap(new ByteArrayInputStream("abcdef".getBytes(StandardCharsets.UTF_8)));
        assertEquals('a', in.read());
        assertEquals(2, in.skip(2));
        assertArrayEquals("def".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        in.close();
        assertArrayEquals("abcdef".getBytes(StandardCharsets.UTF_8), StdinReplay.consumed());
    }

    @Test
    void readingAnEmptyStdinReplaysAnEmptyOne() throws IOException {
        StdinReplay.wrap(new ByteArrayInputStream(new byte[0])).readAllBytes();
        assertArrayEquals(new byte[0], StdinReplay.consumed());
    }

    @Test
    void inProcessComposeGetsWhatTheGuardReadAndTheFileIsDeleted() throws IOException {
        Path out = tmp.resolve("out");
        Path fakeCompose = tmp.resolve("docker-compose");
        Files.writeString(fakeCompose, "#!/bin/sh\ncat > '" + out + "'\n");
        Files.setPosixFilePermissions(fakeCompose, PosixFilePermissions.fromString("rwxr-xr-x"));
        StdinReplay.wrap(new ByteArrayInputStream("services: {}\n".getBytes(StandardCharsets.UTF_8))).readAllBytes();
        Path runtime = Files.createDirectories(tmp.resolve("runtime"));
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", runtime.toString(), "PATH", "/usr/bin:/bin");
        Invocation inv = InvocationParser.parse(List.of("-f", "-", "up", "-d"), env);
        int rc = Handoff.runThen(inv, new RealCompose(fakeCompose, false, "test"), env, tmp, code -> code);
        assertEquals(0, rc);
        assertEquals("services: {}\n", Files.readString(out));
        try (Stream<Path> s = Files.list(runtime)) {
            assertEquals(0, s.count(), "the replay file is gone");
        }
    }

    @Test
    void replayFileIsPrivate() throws IOException {
        Path f = Handoff.replayFile(new byte[] {1, 2}, Map.of("XDG_RUNTIME_DIR", tmp.toString()));
        assertTrue(f.startsWith(tmp));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Files.delete(f);
    }
}
