package dev.composeguard.backup;

import dev.composeguard.engine.DockerJavaEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Entry and byte counts of a tar stream (the root entry {@code ./} is the volume itself and is not counted).
 *
 * @param entries      entries below the root
 * @param contentBytes sum of the sizes of regular files (a sparse file counts with its full length)
 * @param tarBytes     bytes of the tar stream
 */
public record TarStats(long entries, long contentBytes, long tarBytes) {

    /** Reads a whole tar stream, counting; nothing is written. */
    public static TarStats count(InputStream in) throws IOException {
        return copy(in, OutputStream.nullOutputStream(), null);
    }

    /**
     * Copies a tar stream byte for byte to {@code out} while counting its entries; {@code progress} (may be null)
     * gets the number of bytes read so far.
     */
    public static TarStats copy(InputStream in, OutputStream out, LongConsumer progress) throws IOException {
        Tee tee = new Tee(in, out, progress);
        long entries = 0;
        long content = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(tee);
        TarArchiveEntry e;
        byte[] buf = new byte[64 * 1024];
        while ((e = tar.getNextEntry()) != null) {
            if (!DockerJavaEngine.isRoot(e.getName())) {
                entries++;
            }
            if (e.isFile()) {
                long n = 0;
                int r;
                while ((r = tar.read(buf)) >= 0) {
                    n += r;
                }
                // a sparse entry (GNU tar --sparse, PAX 1.0) reads back expanded, holes as zeros: its real size
                if (n != (e.isSparse() ? e.getRealSize() : e.getSize())) {
                    throw new IOException("truncated entry " + e.getName());
                }
                content += n;
            }
        }
        // The end-of-archive blocks and padding belong in the copy too.
        while (tee.read(buf) >= 0) {
            // drained through the tee
        }
        return new TarStats(entries, content, tee.count);
    }

    private static final class Tee extends ReadThroughInputStream {
        private final OutputStream out;
        private final LongConsumer progress;
        long count;
        private long reported;

        Tee(InputStream in, OutputStream out, LongConsumer progress) {
            super(in);
            this.out = out;
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                out.write(b, off, n);
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            count += n;
            if (progress != null && count - reported >= 8 * 1024 * 1024) {
                reported = count;
                progress.accept(count);
            }
        }
    }
}
