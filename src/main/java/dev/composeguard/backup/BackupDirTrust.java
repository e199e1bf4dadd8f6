package dev.composeguard.backup;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The backup directory is trusted or refused, like ssh's StrictModes: whoever can rename or replace it can take a
 * verified backup away while the guard asks its question. The directory and every parent the guard creates must be
 * owned by the user running the guard (or root) and not writable by group or others; the parents that already
 * existed must be owned by that user or root and not writable by group or others unless sticky (as {@code /tmp} is:
 * nobody else can rename what is in it). Both the path as given (each component, links not followed) and its real
 * path are checked. A refusal is one line, exit {@link ExitCodes#BACKUP_FAILED}, before anything is written.
 */
public final class BackupDirTrust {
    private static final int GROUP_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private BackupDirTrust() {
    }

    /** Creates {@code root} (missing parents 0700) if needed and checks it; throws when it cannot be trusted. */
    public static void ensure(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        List<Path> created = new ArrayList<>();
        try {
            createMissing(abs, created);
            int uid = currentUid();
            check(abs, created, uid);
            Path real = abs.toRealPath();
            if (!real.equals(abs)) {
                check(real, created, uid);
            }
        } catch (IOException e) {
            throw refuse(abs, "cannot create or inspect it (" + BackupRunner.reason(e) + ")");
        }
    }

    private static void createMissing(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p, PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
                Files.setPosixFilePermissions(p, BackupStore.DIR_MODE); // the umask may have taken bits away, never added
                created.add(p);
            } catch (FileAlreadyExistsException raced) {
                // made by someone else meanwhile: checked below like any existing parent
            }
        }
    }

    /** The directory itself and the parents the guard created: strict. Older parents: sticky may excuse writability. */
    private static void check(Path dir, List<Path> created, int uid) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            boolean strict = p.equals(dir) || created.contains(p);
            int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            String what = p.equals(dir) ? "" : " (its parent " + p + ")";
            if (owner != uid && owner != 0) {
                throw refuse(dir, "owned by uid " + owner + what + ", not by you (uid " + uid + ") or root");
            }
            if (Files.isSymbolicLink(p)) {
                continue; // a link's own mode means nothing; its target is checked through the real path
            }
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            boolean sticky = (mode & STICKY) != 0;
            if ((mode & GROUP_OTHER_WRITE) != 0 && (strict || !sticky)) {
                throw refuse(dir, "writable by group or others" + what + " (mode " + String.format("%04o", mode & 07777)
                        + ")");
            }
        }
    }

    static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private static GuardException refuse(Path dir, String why) {
        return new GuardException(ExitCodes.BACKUP_FAILED, "backup directory " + dir + " is not safe: " + why
                + "; nothing was deleted (use a directory only you can write to, e.g. chmod go-w, or set"
                + " COMPOSE_GUARD_BACKUP_DIR)");
    }
}
