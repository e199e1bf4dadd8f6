package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label and driver option values built from an env-file value are recorded redacted (issue 11 row 16). */
class RedactTest {
    @Test
    void valuesEqualToOrContainingAnEnvFileValueAreRedactedExceptComposesOwnLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("owner.token", "t-s3cr3t-value");
        labels.put("exact", "ab");
        labels.put("team", "storage");
        labels.put("com.docker.compose.project", "s3cr3t-value");
        Map<String, String> out = Redact.fromEnvFiles(labels, List.of("s3cr3t-value", "ab", ""));
        assertEquals(Redact.REDACTED, out.get("owner.token"), "contains an env-file value");
        assertEquals(Redact.REDACTED, out.get("exact"), "equals a short one");
        assertEquals("storage", out.get("team"));
        assertEquals("s3cr3t-value", out.get("com.docker.compose.project"), "an identifier, kept");
        assertEquals(Map.of("o", "x"), Redact.fromEnvFiles(Map.of("o", "x"), List.of()));
    }
}
