package dev.composeguard.exec;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * stdin belongs to compose, but {@code -f -} makes the guard read the compose file from it before compose runs.
 * This stream remembers every byte the guard read, so the hand-over can give compose the same input again
 * ({@link Handoff}: a private file the launcher opens as compose's stdin and deletes at once). Nothing is recorded
 * until someone reads, so calls that never touch stdin cost nothing.
 */
public final class StdinReplay extends FilterInputStream {

    private static StdinReplay current;

    private ByteArrayOutputStream seen;

    private StdinReplay(InputStream in) {
        super(in);
    }

    /** Wraps the process's stdin; {@link Handoff} replays what was read through the returned stream. */
    public static synchronized InputStream wrap(InputStream in) {
        current = new StdinReplay(in);
        return current;
    }

    /** What the guard read from stdin so far, or null when it read nothing (the usual case). */
    static synchronized byte[] consumed() {
        StdinReplay r = current;
        if (r == null) {
            return null;
        }
        synchronized (r) {
            return r.seen == null ? null : r.seen.toByteArray();
        }
    }

    /** For tests: forget the wrapped stream. */
    static synchronized void forget() {
        current = null;
    }

    private ByteArrayOutputStream seen() {
        if (seen == null) {
            seen = new ByteArrayOutputStream();
        }
        return seen;
    }

    @Override
    public synchronized int read() throws IOException {
        int b = super.read();
        ByteArrayOutputStream s = seen();
        if (b >= 0) {
            s.write(b);
        }
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        ByteArrayOutputStream s = seen();
        if (n > 0) {
            s.write(b, off, n);
        }
        return n;
    }

    @Override
    public synchronized long skip(long n) throws IOException {
        // Skipped bytes must reach compose too: read them instead.
        long done = 0;
        byte[] buf = new byte[8192];
        while (done < n) {
            int k = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (k < 0) {
                break;
            }
            done += k;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // compose still needs the rest of stdin; closing the guard's view of it must not close fd 0.
    }
}
