package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both archive formats read back by their magic bytes; a damaged or truncated zstd frame is an error. */
class CompressionTest {
    static byte[] data() {
        byte[] b = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(b); // incompressible first half, text after
        byte[] text = "row 1: the quick brown fox jumps over the lazy dog\n".getBytes();
        for (int i = b.length / 2; i < b.length; i++) {
            b[i] = text[i % text.length];
        }
        return b;
    }

    static byte[] compress(Compression z, byte[] data) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream out = z.compress(buf)) {
            out.write(data);
        }
        return buf.toByteArray();
    }

    static byte[] decompress(byte[] file) throws IOException {
        try (InputStream in = Compression.decompress(new ByteArrayInputStream(file))) {
            return in.readAllBytes();
        }
    }

    @Test
    void bothFormatsRoundTrip() throws IOException {
        byte[] data = data();
        for (String spec : new String[] {"zstd", "zstd:3", "gzip", "gzip:6"}) {
            Compression z = Compression.fromEnv(spec, null);
            assertArrayEquals(data, decompress(compress(z, data)), spec);
        }
        assertEquals(".tar.zst", Compression.fromEnv(null, null).extension());
        assertEquals(".tar.gz", Compression.fromEnv("gzip", "9").extension());
        assertEquals(9, Compression.fromEnv("gzip", "9").level());
        assertEquals(1, Compression.fromEnv("zstd:99", null).level(), "out of range: the default");
    }

    @Test
    void damageIsDetected() throws IOException {
        byte[] z = compress(Compression.fromEnv("zstd", null), data());
        byte[] flipped = z.clone();
        flipped[flipped.length - 2] ^= 0x40; // inside the content checksum
        assertThrows(IOException.class, () -> decompress(flipped));
        byte[] cut = java.util.Arrays.copyOf(z, z.length / 2);
        assertThrows(IOException.class, () -> decompress(cut));
        assertThrows(IOException.class, () -> decompress("not an archive".getBytes()));
    }
}
