package dev.composeguard.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Progress of long work (a volume streamed into its archive, a dump, the verification, a restore), reported by the
 * backup and restore code and shown by the caller ({@code prompt.ProgressLine}: one updating line on a terminal,
 * a rare plain line otherwise). The code doing the work only says how far it is; it never prints.
 *
 * <pre>{@code
 * try (Progress.Step s = progress.step("backing up volume shop_db", sizeBytes)) {
 *     copy(Progress.counting(in, s), out);
 * }
 * }</pre>
 */
public interface Progress {
    /** Nothing shown (tests, and callers that have nobody to show it to). */
    Progress NONE = (label, totalBytes) -> Step.NONE;

    /** Starts a step; {@code totalBytes} is an estimate, or -1 when unknown. */
    Step step(String label, long totalBytes);

    /** One step of work; closing it ends its line. */
    interface Step extends AutoCloseable {
        Step NONE = new Step() {
            @Override
            public void done(long bytes) {
            }

            @Override
            public void close() {
            }
        };

        /** Bytes done so far in this step (absolute, not a delta). */
        void done(long bytes);

        @Override
        void close();
    }

    /** {@code in}, reporting every byte read through it to {@code step}. */
    static InputStream counting(InputStream in, Step step) {
        return new FilterInputStream(in) {
            private long n;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    step.done(++n);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) {
                    n += r;
                    step.done(n);
                }
                return r;
            }

            @Override
            public long skip(long count) throws IOException {
                long s = super.skip(count);
                if (s > 0) {
                    n += s;
                    step.done(n);
                }
                return s;
            }
        };
    }
}
