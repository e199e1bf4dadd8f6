package dev.composeguard.backup;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One guard at a time per project for what can delete or overwrite data: the destructive guard (backup and
 * confirmation before {@code down -v} …), {@code backup} and {@code restore}. An OS file lock
 * ({@link FileChannel#tryLock()}, released by the kernel when the process dies, so a crash never leaves a stale lock)
 * on {@code <backup dir>/locks/<project>.lock}; the file says who holds it (pid, start time, what). The second guard
 * does not wait: it stops with {@link ExitCodes#LOCKED} and "held by pid … since …".
 *
 * <p>The file is never deleted (deleting a lock file lets two processes lock two different files).
 */
public final class ProjectLock implements AutoCloseable {
    static final String DIR = "locks";

    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private ProjectLock(FileChannel channel, FileLock lock, Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The lock file of a project under a backup directory. */
    public static Path fileFor(Path backupRoot, String project) {
        return backupRoot.resolve(DIR).resolve(BackupRunner.safe(project) + ".lock");
    }

    /**
     * Takes the project's lock or throws {@link GuardException} ({@link ExitCodes#LOCKED} when another guard holds
     * it, {@link ExitCodes#BACKUP_FAILED} when the lock file cannot be made).
     *
     * @param what the operation, shown to a second guard ({@code down -v}, {@code backup}, {@code restore})
     */
    public static ProjectLock acquire(Path backupRoot, String project, String what) {
        BackupDirTrust.ensure(backupRoot); // before anything is written there (StrictModes)
        Path file = fileFor(backupRoot, project);
        FileChannel ch = null;
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(BackupStore.FILE_MODE));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another guard made it first: fine, the lock decides
                }
            }
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                l = null;
            }
            if (l == null) {
                String holder = holder(ch);
                ch.close();
                throw new GuardException(ExitCodes.LOCKED, "project " + project + " is locked by another compose-guard: "
                        + holder + "; nothing was done (wait for it to finish; the lock is " + file + ")");
            }
            String info = "pid=" + ProcessHandle.current().pid() + "\nsince=" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    + "\nwhat=" + what.replace('\n', ' ') + "\n";
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(info.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new ProjectLock(ch, l, file);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
            throw new GuardException(ExitCodes.BACKUP_FAILED, "backup failed (cannot lock project " + project + " at "
                    + file + "): " + BackupRunner.reason(e) + "; nothing was deleted", e);
        }
    }

    /** "held by pid N since T (what)", from the lock file's contents. */
    static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        ch.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        String pid = field(text, "pid");
        String since = field(text, "since");
        String what = field(text, "what");
        if (pid == null) {
            return "held by another process (starting)";
        }
        return "held by pid " + pid + " since " + (since == null ? "?" : since) + (what == null ? "" : " (" + what + ")");
    }

    private static String field(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "=")) {
                String v = line.substring(name.length() + 1).strip();
                return v.length() > 100 ? v.substring(0, 100) : v;
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the kernel drops the lock with the descriptor
            }
        }
    }
}
