package dev.composeguard.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter whose subclasses see every byte: {@code skip} and the one-byte {@code read()} go through
 * {@link #read(byte[], int, int)} (FilterInputStream would hand both straight to the source), so bytes a tar reader
 * skips over or reads one at a time are still counted, copied or digested. Subclasses override only the array read.
 */
abstract class ReadThroughInputStream extends FilterInputStream {

    ReadThroughInputStream(InputStream in) {
        super(in);
    }

    @Override
    public final int read() throws IOException {
        return readOne(this);
    }

    /** The one-byte read of any stream whose array read is the real one: through that array read. */
    static int readOne(InputStream s) throws IOException {
        byte[] one = new byte[1];
        int n = s.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
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
