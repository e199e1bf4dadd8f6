package dev.composeguard.backup;

import dev.composeguard.core.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Every byte read through it (skipped ones too) goes into a SHA-256 and a count. */
final class HashingInputStream extends ReadThroughInputStream {
    private final MessageDigest md;
    private long count;

    HashingInputStream(InputStream in) {
        super(in);
        md = Hashing.sha256();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            md.update(b, off, n);
            count += n;
        }
        return n;
    }

    /** Reads the rest (anything after the compressed data would otherwise go unchecked); returns the hex SHA-256. */
    String finish() throws IOException {
        transferTo(OutputStream.nullOutputStream());
        return Hashing.hex(md.digest());
    }

    long count() {
        return count;
    }
}
