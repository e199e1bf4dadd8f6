package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 row 11: a backup directory someone else can rename or replace is refused, like ssh's StrictModes. */
class BackupDirTrustTest {
    @TempDir
    Path tmp;

    private static void chmod(Path p, String mode) throws Exception {
        assertEquals(0, new ProcessBuilder("chmod", mode, p.toString()).start().waitFor());
    }

    private static void chown(Path p, int uid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    private static String refused(Path root) {
        GuardException e = assertThrows(GuardException.class, () -> BackupDirTrust.ensure(root));
        assertEquals(ExitCodes.BACKUP_FAILED, e.exitCode());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertTrue(e.getMessage().contains("nothing was deleted"), e.getMessage());
        return e.getMessage();
    }

    private static void assumeRoot() throws IOException {
        assumeTrue(BackupDirTrust.currentUid() == 0, "chown needs root");
    }

    @Test
    void missingDirectoriesAreCreatedOwnerOnly() throws IOException {
        Path root = tmp.resolve("a/b/backups");
        BackupDirTrust.ensure(root);
        for (Path p : List.of(tmp.resolve("a"), tmp.resolve("a/b"), root)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        BackupDirTrust.ensure(root); // and it is trusted the second time
    }

    @Test
    void aDirectoryOwnedByAnotherUserIsRefused() throws Exception {
        assumeRoot();
        Path root = Files.createDirectory(tmp.resolve("backups"));
        chmod(root, "700");
        chown(root, 12345);
        assertTrue(refused(root).contains("owned by uid 12345"));
    }

    @Test
    void aParentOwnedByAnotherUserIsRefused() throws Exception {
        assumeRoot();
        Path parent = Files.createDirectory(tmp.resolve("bob"));
        chown(parent, 12345);
        assertTrue(refused(parent.resolve("backups")).contains("its parent " + parent));
    }

    @Test
    void groupOrOtherWritableIsRefused() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("backups"));
        chmod(root, "770");
        assertTrue(refused(root).contains("mode 0770"));
        chmod(root, "1777");
        assertTrue(refused(root).contains("mode 1777"), "the directory itself: sticky does not help");
    }

    @Test
    void aWritableParentIsRefusedUnlessSticky() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        chmod(shared, "777");
        assertTrue(refused(shared.resolve("backups")).contains("its parent " + shared));
        chmod(shared, "1777");
        BackupDirTrust.ensure(shared.resolve("backups")); // like /tmp: nobody else can rename what is ours
    }

    @Test
    void aLinkToAnUntrustedDirectoryIsRefused() throws Exception {
        assumeRoot();
        Path target = Files.createDirectory(tmp.resolve("theirs"));
        chmod(target, "700");
        chown(target, 12345);
        Path link = Files.createSymbolicLink(tmp.resolve("backups"), target);
        assertTrue(refused(link).contains("owned by uid 12345"));
    }

    @Test
    void theProjectLockChecksBeforeWriting() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("backups"));
        chmod(root, "777");
        GuardException e = assertThrows(GuardException.class, () -> ProjectLock.acquire(root, "p", "down -v"));
        assertEquals(ExitCodes.BACKUP_FAILED, e.exitCode());
        assertFalse(Files.exists(root.resolve("locks")), "nothing written");
    }
}
