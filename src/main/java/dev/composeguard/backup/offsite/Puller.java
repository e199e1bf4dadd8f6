package dev.composeguard.backup.offsite;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.backup.Verifier;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Brings a backup back from the repository into the local store: restored under a hidden partial directory,
 * verified against its own manifest (every checksum, every archive walked), then renamed into place. A snapshot that
 * fails verification is deleted again and reported: nothing unverified ever appears in the store.
 */
public final class Puller {
    private final BackupStore store;
    private final Restic restic;
    private final Consumer<String> say;

    public Puller(BackupStore store, Restic restic, Consumer<String> say) {
        this.store = store;
        this.restic = restic;
        this.say = say;
    }

    /** The newest snapshot of the backup, or null when the repository has none. */
    public RemoteSnapshot find(String backupId) {
        RemoteSnapshot best = null;
        for (RemoteSnapshot s : restic.snapshots()) {
            if (backupId.equals(s.backupId()) && (best == null || s.time().isAfter(best.time()))) {
                best = s;
            }
        }
        return best;
    }

    /** Pulls and verifies the snapshot; returns the backup now in the store. */
    public BackupStore.StoredBackup pull(RemoteSnapshot snap) {
        String id = snap.backupId();
        if (id == null || id.contains("/") || id.startsWith(".") || snap.paths().size() != 1) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "snapshot " + snap.shortId()
                    + " was not made by compose-guard push (tags or paths differ)");
        }
        Path target = store.root().resolve(id);
        if (Files.exists(target)) {
            throw new GuardException(ExitCodes.USAGE, target + " exists already; not pulling over it");
        }
        Path partial = store.root().resolve(".partial-pull-" + id + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(partial, PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
            say.accept("pulling " + id + " from the restic repository (snapshot " + snap.shortId() + ", taken "
                    + snap.time() + " on " + snap.host() + ")");
            restic.restore(snap.id(), partial);
            Path dir = partial.resolve(Path.of("/").relativize(Path.of(snap.paths().get(0))).toString()).normalize();
            if (!dir.startsWith(partial) || !Files.isRegularFile(dir.resolve(Manifest.FILE))) {
                throw new GuardException(ExitCodes.BACKUP_FAILED, "snapshot " + snap.shortId() + " holds no "
                        + Manifest.FILE + " for " + id);
            }
            Manifest m = Manifest.read(dir.resolve(Manifest.FILE));
            if (!id.equals(m.id) && !id.equals(dir.getFileName().toString())) {
                throw new GuardException(ExitCodes.BACKUP_FAILED, "snapshot " + snap.shortId() + " holds backup "
                        + m.id + ", not " + id);
            }
            Verifier.Result r = Verifier.verify(dir, m, Verifier.Options.OFFLINE);
            if (!r.ok() || !m.verified) {
                throw new GuardException(ExitCodes.BACKUP_FAILED, "snapshot " + snap.shortId() + " of " + id
                        + " fails verification: " + (m.verified ? String.join("; ", r.problems())
                                : "it was never verified") + "; nothing was restored");
            }
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            say.accept("pulled and verified " + id + " into " + target);
            return store.find(target.toString());
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "cannot pull " + id + ": " + e.getMessage(), e);
        } finally {
            deleteTree(partial);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover .partial-pull-* directory is never listed as a backup
        }
    }
}
