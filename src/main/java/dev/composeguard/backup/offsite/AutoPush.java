package dev.composeguard.backup.offsite;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.core.GuardException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The push that follows every backup when a repository is configured: every verified backup of the project that
 * the repository lacks. A failure is a warning, recorded so that {@code backups check} fails, and never a reason to
 * stop: the user consented to a deletion after a verified local backup, and that backup exists.
 */
public final class AutoPush {
    private AutoPush() {
    }

    /** True when nothing was to be done or the push succeeded; false after a failure (already said). */
    public static boolean afterBackup(Map<String, String> env, BackupStore store, String project,
            Consumer<String> say) {
        ResticConfig config = new ResticConfig(env);
        if (!config.configured()) {
            return true;
        }
        try {
            List<BackupStore.StoredBackup> mine = store.list().stream()
                    .filter(b -> project.equals(b.manifest().project)).toList();
            Pusher.Result r = new Pusher(store, new Restic(config), say).push(mine);
            if (!r.pushed().isEmpty()) {
                say.accept("off-host copy in the restic repository: " + String.join(", ", r.pushed()) + " (checked)");
            }
            return true;
        } catch (GuardException e) {
            Pusher.recordFailure(store, project, e.getMessage());
            say.accept("warning: off-host push failed: " + e.getMessage() + "; the verified local backup is kept, "
                    + "and `compose-guard backups check` fails until a push succeeds");
            return false;
        }
    }
}
