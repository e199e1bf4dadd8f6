package dev.composeguard.backup.offsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Retention;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The restic wrapper's pieces that need no restic: configuration, redaction, failure lines, remote retention. */
class OffsiteUnitTest {
    static final Map<String, String> ENV = Map.of("RESTIC_REPOSITORY", "s3:https://key:s3cr3t-value@store.example/b",
            "RESTIC_PASSWORD", "hunter2-long", "AWS_SECRET_ACCESS_KEY", "AKsecretvalue", "PATH", "/nonexistent");

    @Test
    void configurationAndRedaction() {
        ResticConfig c = new ResticConfig(ENV);
        assertTrue(c.configured() && c.hasPassword());
        assertFalse(new ResticConfig(Map.of("RESTIC_PASSWORD_FILE", "/x")).configured());
        String line = c.redact("Fatal: s3:https://key:s3cr3t-value@store.example/b: hunter2-long AKsecretvalue "
                + "sftp://u:pw@host/x");
        assertFalse(line.contains("s3cr3t") || line.contains("hunter2") || line.contains("AKsecret")
                || line.contains(":pw@"), line);
        GuardException noRestic = assertThrows(GuardException.class, () -> new Restic(c));
        assertEquals(ExitCodes.REPOSITORY_UNAVAILABLE, noRestic.exitCode());
        GuardException noPassword = assertThrows(GuardException.class,
                () -> new Restic(new ResticConfig(Map.of("RESTIC_REPOSITORY", "/r"))));
        assertEquals(ExitCodes.USAGE, noPassword.exitCode());
    }

    @Test
    void failureLines() {
        assertEquals("wrong password or no key found", Restic.reasonOf("Fatal: wrong password or no key found\n"));
        assertEquals("last line", Restic.reasonOf("something\nlast line\n"));
    }

    @Test
    void remoteRetentionIsTheLocalOne() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        List<BackupStore.StoredBackup> snaps = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            Instant t = now.minus(day, ChronoUnit.DAYS);
            snaps.add(RemotePrune.asBackup("shop-" + day, new RemoteSnapshot("id" + day, "s" + day, t, "h",
                    List.of("compose-guard", "project=shop", "backup=shop-" + day, "volume=shop_db"), List.of("/b"))));
        }
        // an older backup holding the only copy of another volume is never forgotten
        snaps.add(RemotePrune.asBackup("shop-old", new RemoteSnapshot("idx", "sx", now.minus(9, ChronoUnit.DAYS), "h",
                List.of("compose-guard", "project=shop", "backup=shop-old", "volume=shop_cache"), List.of("/b"))));
        List<String> gone = new Retention(0, 2, 0, 0).prune(snaps, now).stream().map(BackupStore.StoredBackup::id)
                .toList();
        assertEquals(List.of("shop-4", "shop-3", "shop-2"), gone);
    }
}
