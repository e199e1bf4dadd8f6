package dev.composeguard.backup;

import dev.composeguard.core.Timings;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The directory a backup is written into ({@code .partial-<id>-<random>/}) until it is verified and renamed into
 * place, and what it is being used for (the failure line names it). A SIGINT/SIGTERM removes it; after that it can
 * never be moved into place. A backup either exists complete and verified, or not at all.
 */
final class PartialBackup {
    private final Consumer<String> say;
    private final Object lock = new Object();
    private boolean aborted;
    private Thread cleanup;
    private Path work;
    /** What the backup is doing now. */
    String current = "preparing the backup directory";

    PartialBackup(Consumer<String> say) {
        this.say = say;
    }

    /** The backup location is trusted and writable, with room for {@code estimate} bytes plus a margin. */
    static void checkRoot(Path root, long estimate) throws IOException {
        BackupDirTrust.ensure(root);
        if (!Files.isWritable(root)) {
            throw new AccessDeniedException(root.toString(), null, "backup directory is not writable");
        }
        FileStore fs = Files.getFileStore(root);
        long free = fs.getUsableSpace();
        if (free < estimate + BackupRunner.MARGIN) {
            throw new IOException("not enough free space in " + root + ": " + Sizes.human(free) + " free, "
                    + Sizes.human(estimate) + " needed");
        }
    }

    /** {@code base}, or {@code base-2}, {@code base-3} … when taken. */
    static String uniqueId(Path root, String base) {
        String id = base;
        for (int i = 2; Files.exists(root.resolve(id)); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    Path work() {
        return work;
    }

    void begin(Path root, String id) throws IOException {
        work = root.resolve(BackupStore.PARTIAL + id + "-" + UUID.randomUUID().toString().substring(0, 6));
        Files.createDirectory(work, PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
        Path partial = work;
        cleanup = new Thread(() -> {
            // SIGINT/SIGTERM: the JVM runs this while the main thread may still be writing; after it, the main
            // thread can never move the partial backup into place (see moveInto)
            synchronized (lock) {
                aborted = true;
            }
            BackupRunner.deleteTree(partial);
            say.accept("interrupted during the backup: the partial backup was removed; nothing was deleted");
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Renames the verified backup to {@code root/id}; returns that path. */
    Path moveInto(Path root, String id) throws IOException {
        Path fin = root.resolve(id);
        synchronized (lock) {
            if (aborted) {
                throw new IOException("interrupted");
            }
            Files.move(work, fin, StandardCopyOption.ATOMIC_MOVE);
            work = null;
        }
        AtomicFile.fsyncDir(root);
        Timings.mark("manifest, move into place");
        return fin;
    }

    /** Ends the run: returns true when the backup failed (the partial directory was there, and is now removed). */
    boolean discard() {
        boolean failed = work != null;
        if (failed) {
            BackupRunner.deleteTree(work);
        }
        if (cleanup != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        return failed;
    }
}
