package dev.composeguard.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter whose subclasses see every byte: {@code skip} reads through {@link #read(byte[], int, int)} instead of
 * letting the source skip, so bytes a tar reader skips over are still counted, copied or digested.
 */
abstract class ReadThroughInputStream extends FilterInputStream {

    ReadThroughInputStream(InputStream in) {
        super(in);
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
