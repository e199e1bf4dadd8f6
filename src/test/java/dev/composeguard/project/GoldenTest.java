package dev.composeguard.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loader against the corpus in src/test/resources/projects: each case's summary must equal its
 * expected.txt. {@code -Dcg.golden.update=true} rewrites the expected files (review the diff!).
 */
class GoldenTest {

    static Stream<GoldenCase> cases() throws IOException {
        return GoldenCase.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesExpected(GoldenCase c) throws IOException {
        String actual = c.summarize(c.flavor());
        Path expected = c.dir().resolve("expected.txt");
        if (Boolean.getBoolean("cg.golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, c.name());
    }
}
