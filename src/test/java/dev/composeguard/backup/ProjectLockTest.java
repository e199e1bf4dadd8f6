package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-project lock: one guard at a time, a clear "held by pid … since …", released by the kernel on exit. */
class ProjectLockTest {
    @TempDir
    Path root;

    @Test
    void secondGuardInTheSameProcessIsLockedOut() {
        try (ProjectLock first = ProjectLock.acquire(root, "shop", "down -v")) {
            GuardException e = assertThrows(GuardException.class, () -> ProjectLock.acquire(root, "shop", "backup"));
            assertEquals(ExitCodes.LOCKED, e.exitCode());
            assertTrue(e.getMessage().matches("project shop is locked by another compose-guard: held by pid "
                    + ProcessHandle.current().pid() + " since \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z \\(down -v\\);.*"), e.getMessage());
            // another project is not affected
            ProjectLock.acquire(root, "other", "backup").close();
        }
        ProjectLock.acquire(root, "shop", "backup").close(); // released
    }

    @Test
    void lockFilesAreOwnerOnly() throws Exception {
        try (ProjectLock l = ProjectLock.acquire(root, "shop", "restore")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(l.file())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(l.file().getParent())));
        }
    }

    /** Another process (POSIX record lock via python's fcntl.lockf, the same lock Java takes) holds the project. */
    @Test
    void aLockHeldByAnotherProcessStopsTheGuardUntilThatProcessEnds() throws Exception {
        Path file = ProjectLock.fileFor(root, "shop");
        Files.createDirectories(file.getParent());
        Process p = new ProcessBuilder("python3", "-c", "import fcntl,os,sys,time\n"
                + "f=open(sys.argv[1],'a+')\nfcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\n"
                + "f.truncate(0);f.write('pid=%d\\nsince=2026-01-01T00:00:00Z\\nwhat=down -v\\n'%os.getpid());f.flush()\n"
                + "print('locked',flush=True)\nsys.stdin.read()\n", file.toString()).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertEquals("locked", line);
            GuardException e = assertThrows(GuardException.class, () -> ProjectLock.acquire(root, "shop", "down -v"));
            assertEquals(ExitCodes.LOCKED, e.exitCode());
            assertTrue(e.getMessage().contains("held by pid " + p.pid() + " since 2026-01-01T00:00:00Z (down -v)"),
                    e.getMessage());
            // the holder dies without cleaning up: the kernel drops its lock, no stale lock remains
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            ProjectLock.acquire(root, "shop", "down -v").close();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void projectNamesCannotEscapeTheLockDirectory() {
        Path f = ProjectLock.fileFor(root, "../../etc/passwd");
        assertEquals(root.resolve("locks"), f.getParent());
    }
}
