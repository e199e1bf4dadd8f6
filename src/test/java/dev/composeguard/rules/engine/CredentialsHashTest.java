package dev.composeguard.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.composeguard.rules.engine.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The ledger's credential hash is HMAC-SHA-256 (RFC 2104), written over MessageDigest for startup cost. */
class CredentialsHashTest {

    private static String reference(byte[] salt, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void equalsTheJdksHmacForShortBlockSizedAndLongKeys() throws Exception {
        Random r = new Random(7);
        for (int len : new int[] {1, 32, 63, 64, 65, 200}) {
            byte[] salt = new byte[len];
            r.nextBytes(salt);
            assertEquals(reference(salt, "POSTGRES_PASSWORD=s3cr3t ✓"), Credentials.hash(salt, "POSTGRES_PASSWORD", "s3cr3t ✓"),
                    "salt of " + len + " bytes");
        }
    }

    @Test
    void differentValuesOrSaltsGiveDifferentHashes() {
        byte[] salt = "install-salt".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Credentials.hash(salt, "A", "b"), Credentials.hash(salt, "A", "b"));
        assertNotEquals(Credentials.hash(salt, "A", "b"), Credentials.hash(salt, "A", "c"));
        assertNotEquals(Credentials.hash(salt, "A", "b"), Credentials.hash("other".getBytes(StandardCharsets.US_ASCII), "A", "b"));
    }
}
