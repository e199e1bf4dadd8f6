package dev.composeguard.backup;

import dev.composeguard.core.Hashing;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * A file written atomically: bytes go to a hidden temp file (0600) next to the target, which is fsync'd and renamed
 * over the target on {@link #commit()} (then the directory is fsync'd). {@link #abort()} deletes the temp file. The
 * SHA-256 and byte count of what was written are computed on the way.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final FileChannel channel;
    private final MessageDigest digest;
    private final OutputStream out;
    private long bytes;
    private boolean done;

    private AtomicFile(Path target) throws IOException {
        this.target = target;
        this.tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
        this.channel = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(BackupStore.FILE_MODE));
        this.digest = Hashing.sha256();
        OutputStream raw = Channels.newOutputStream(channel);
        this.out = new FilterOutputStream(raw) {
            @Override
            public void write(int b) throws IOException {
                raw.write(b);
                digest.update((byte) b);
                bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                raw.write(b, off, len);
                digest.update(b, off, len);
                bytes += len;
            }

            @Override
            public void close() {
                // the channel is closed by commit/abort
            }
        };
    }

    public static AtomicFile create(Path target) throws IOException {
        return new AtomicFile(target);
    }

    /** Where to write. Closing it does not commit. */
    public OutputStream stream() {
        return out;
    }

    public long bytes() {
        return bytes;
    }

    /** Flushes to disk and renames into place; returns the SHA-256 (hex) of the content. */
    public String commit() throws IOException {
        out.flush();
        channel.force(true);
        channel.close();
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
        fsyncDir(target.getParent());
        return Hashing.hex(digest.digest());
    }

    /** Deletes the temp file (nothing is left behind). */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // reported by the caller's cleanup of the whole directory
        }
    }

    @Override
    public void close() {
        abort();
    }

    public static void fsyncDir(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every file system lets a directory be fsync'd; the file itself was
        }
    }

    /** Writes {@code data} to {@code target} atomically; returns its SHA-256. */
    public static String write(Path target, byte[] data) throws IOException {
        try (AtomicFile f = create(target)) {
            f.stream().write(data);
            return f.commit();
        }
    }
}
