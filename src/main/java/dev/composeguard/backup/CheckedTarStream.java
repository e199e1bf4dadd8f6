package dev.composeguard.backup;

import dev.composeguard.engine.DockerJavaEngine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar stream passed on entry by entry, each entry only after {@link SafeTar.Checker} accepted its header: restore
 * into a new volume extracts while it verifies, in one pass, and an unsafe entry never reaches the extraction (the
 * read fails instead). The entry and byte counts, and the links through links ({@link #finish}), are known at the
 * end; the caller removes the new volume when they disagree with the manifest. Memory: the headers of one entry and
 * one 64 KiB read.
 */
final class CheckedTarStream extends InputStream {
    private final Recorder raw;
    private final TarArchiveInputStream tar;
    private final SafeTar.Checker checker = new SafeTar.Checker();
    private final byte[] buf = new byte[64 * 1024];
    private TarArchiveEntry entry;
    private long entryBytes;
    private long entries;
    private long contentBytes;
    private boolean ended;
    private String problem;

    CheckedTarStream(InputStream tarStream) {
        raw = new Recorder(tarStream);
        tar = new TarArchiveInputStream(raw);
    }

    /** The first unsafe entry or the truncation that stopped the stream, or null. */
    String problem() {
        return problem;
    }

    long entries() {
        return entries;
    }

    long contentBytes() {
        return contentBytes;
    }

    /** Bytes of the tar passed on so far (all of it once the stream ended). */
    long tarBytes() {
        return raw.passed;
    }

    /** Reads what the consumer left (the end-of-archive blocks), then the checks that need every link: problems. */
    List<String> finish() throws IOException {
        while (read(buf, 0, buf.length) >= 0) {
            // checked and counted on the way
        }
        return checker.finish();
    }

    @Override
    public int read() throws IOException {
        return ReadThroughInputStream.readOne(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (raw.approved == raw.pos && !ended) {
            advance();
        }
        if (raw.approved == raw.pos) {
            return -1;
        }
        int n = Math.min(len, raw.approved - raw.pos);
        System.arraycopy(raw.held, raw.pos, b, off, n);
        raw.pos += n;
        raw.passed += n;
        return n;
    }

    /** Reads on: content of the current file (passed at once), else the next header (passed once checked). */
    private void advance() throws IOException {
        raw.compact();
        if (entry != null && entry.isFile()) {
            int n = tar.read(buf);
            if (n >= 0) {
                entryBytes += n;
                raw.approve();
                return;
            }
            if (entryBytes != (entry.isSparse() ? entry.getRealSize() : entry.getSize())) {
                throw fail("truncated entry " + entry.getName());
            }
            contentBytes += entryBytes;
        }
        entry = tar.getNextEntry();
        entryBytes = 0;
        if (entry == null) {
            while (raw.read(buf, 0, buf.length) >= 0) {
                // the end-of-archive blocks and padding belong to the tar too
            }
            raw.approve();
            ended = true;
            return;
        }
        if (!DockerJavaEngine.isRoot(entry.getName())) {
            entries++;
            String bad = checker.check(entry);
            if (bad != null) {
                throw fail("unsafe entry " + entry.getName() + ": " + bad);
            }
        }
        raw.approve();
    }

    private IOException fail(String why) {
        problem = why;
        return new IOException(why);
    }

    /** Keeps every byte the tar reader reads until {@link #approve()} lets it out. */
    private static final class Recorder extends ReadThroughInputStream {
        byte[] held = new byte[128 * 1024];
        int pos;
        int approved;
        int len;
        long passed;

        Recorder(InputStream in) {
            super(in);
        }

        void approve() {
            approved = len;
        }

        /** Drops what was passed on already (called only when all approved bytes are out). */
        void compact() {
            int keep = len - pos;
            System.arraycopy(held, pos, held, 0, keep);
            len = keep;
            approved -= pos;
            pos = 0;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            int r = super.read(b, off, n);
            if (r > 0) {
                if (len + r > held.length) {
                    held = Arrays.copyOf(held, Math.max(held.length * 2, len + r));
                }
                System.arraycopy(b, off, held, len, r);
                len += r;
            }
            return r;
        }
    }
}
