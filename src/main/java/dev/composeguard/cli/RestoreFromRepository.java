package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.offsite.Puller;
import dev.composeguard.backup.offsite.RemoteSnapshot;
import dev.composeguard.backup.offsite.Restic;
import dev.composeguard.backup.offsite.ResticConfig;

/**
 * {@code restore BACKUP} when the backup is not in the local store: pulled from the restic repository (on a new
 * host, the only copy), verified against its manifest, then restored like a local one.
 */
final class RestoreFromRepository {
    private RestoreFromRepository() {
    }

    /** The pulled backup; null after a dry run (which pulls nothing and says so). */
    static BackupStore.StoredBackup pull(CallContext ctx, BackupStore store, String ref, boolean dryRun) {
        ResticConfig config = new ResticConfig(ctx.env());
        if (!config.configured() || ref.contains("/")) {
            throw new GuardException(ExitCodes.USAGE, "no backup " + ref + " (looked in " + store.root()
                    + (config.configured() ? "" : "; no restic repository configured") + ")");
        }
        Puller puller = new Puller(store, new Restic(config), ctx::say);
        RemoteSnapshot snap = puller.find(ref);
        if (snap == null) {
            throw new GuardException(ExitCodes.USAGE, "no backup " + ref + " in " + store.root()
                    + " nor in the restic repository");
        }
        if (dryRun) {
            ctx.say("backup " + ref + " is only in the restic repository (snapshot " + snap.shortId() + ", taken "
                    + snap.time() + " on " + snap.host() + "): without --dry-run it is pulled into " + store.root()
                    + ", verified, then restored");
            ctx.say("dry run: nothing was changed");
            return null;
        }
        return puller.pull(snap);
    }
}
