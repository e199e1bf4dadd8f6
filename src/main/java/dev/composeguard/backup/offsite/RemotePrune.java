package dev.composeguard.backup.offsite;

import dev.composeguard.backup.PushState;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.backup.Retention;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The local retention, applied to the repository: the same {@link Retention} decides over the snapshots (their
 * project, time and volume tags), then {@code restic forget --prune} removes exactly the chosen ones. restic's own
 * {@code --keep-*} flags are close but not the same policy ({@code --keep-within} counts from the newest snapshot,
 * not from now, and nothing keeps the newest copy of each volume), so the decision is made once, here, for both.
 */
public final class RemotePrune {
    private final BackupStore store;
    private final Restic restic;
    private final Consumer<String> say;

    public RemotePrune(BackupStore store, Restic restic, Consumer<String> say) {
        this.store = store;
        this.restic = restic;
        this.say = say;
    }

    /** Backup ids whose snapshots go (all of them when several hosts pushed the same backup). */
    public List<String> prune(Retention policy, Instant now, boolean dryRun) {
        Map<String, List<RemoteSnapshot>> byBackup = new LinkedHashMap<>();
        for (RemoteSnapshot s : restic.snapshots()) {
            if (s.backupId() != null && s.project() != null) {
                byBackup.computeIfAbsent(s.backupId(), k -> new ArrayList<>()).add(s);
            }
        }
        List<BackupStore.StoredBackup> asBackups = new ArrayList<>();
        byBackup.forEach((id, snaps) -> asBackups.add(asBackup(id, snaps.get(0))));
        List<String> gone = new ArrayList<>();
        List<String> snapshotIds = new ArrayList<>();
        for (BackupStore.StoredBackup b : policy.prune(asBackups, now)) {
            gone.add(b.id());
            byBackup.get(b.id()).forEach(s -> snapshotIds.add(s.id()));
        }
        if (!dryRun && !snapshotIds.isEmpty()) {
            say.accept("forgetting " + snapshotIds.size() + " snapshot(s) in the restic repository and pruning");
            restic.forgetAndPrune(snapshotIds);
            forgetInState(byBackup, gone);
        }
        return gone;
    }

    /** A snapshot seen as a backup: verified (only verified backups are pushed), its time and volumes. */
    static BackupStore.StoredBackup asBackup(String id, RemoteSnapshot s) {
        Manifest m = new Manifest();
        m.id = id;
        m.project = s.project();
        m.createdAt = s.time().toString();
        m.verified = true;
        for (String v : s.volumes()) {
            Manifest.VolumeArchive a = new Manifest.VolumeArchive();
            a.name = v;
            m.volumes.add(a);
        }
        return new BackupStore.StoredBackup(Path.of(id), m);
    }

    private void forgetInState(Map<String, List<RemoteSnapshot>> byBackup, List<String> gone) {
        TreeSet<String> projects = new TreeSet<>();
        gone.forEach(id -> projects.add(byBackup.get(id).get(0).project()));
        for (String p : projects) {
            PushState state = PushState.read(store.root(), p);
            state.forget(gone);
            try {
                state.write(store.root(), p);
            } catch (IOException e) {
                say.accept("warning: cannot record the push state: " + e.getMessage());
            }
        }
    }
}
