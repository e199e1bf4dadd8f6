package dev.composeguard.backup.offsite;

import dev.composeguard.backup.PushState;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sends verified backups that the repository does not hold yet, one restic snapshot each (tags: compose-guard,
 * project, backup id, volumes; host and time those of the backup), then checks them there: every file of the
 * backup is in the snapshot with its size, and {@code restic check} finds the repository sound. The outcome, good
 * or bad, is recorded per project ({@link PushState}).
 */
public final class Pusher {
    private final BackupStore store;
    private final Restic restic;
    private final Consumer<String> say;

    public Pusher(BackupStore store, Restic restic, Consumer<String> say) {
        this.store = store;
        this.restic = restic;
        this.say = say;
    }

    /** What one push did. */
    public record Result(List<String> pushed, List<String> alreadyThere, List<String> skipped) {
    }

    /** Pushes the given backups (unverified ones are skipped and named). */
    public Result push(List<BackupStore.StoredBackup> backups) {
        Map<String, List<BackupStore.StoredBackup>> byProject = new LinkedHashMap<>();
        backups.forEach(b -> byProject.computeIfAbsent(String.valueOf(b.manifest().project), k -> new ArrayList<>())
                .add(b));
        Map<String, RemoteSnapshot> there = new LinkedHashMap<>();
        List<String> pushed = new ArrayList<>();
        List<String> already = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            restic.snapshots().forEach(s -> there.put(s.backupId(), s));
        } catch (GuardException e) {
            byProject.keySet().forEach(p -> fail(p, e.getMessage()));
            throw e;
        }
        for (var e : byProject.entrySet()) {
            String project = e.getKey();
            PushState state = PushState.read(store.root(), project);
            int before = pushed.size();
            try {
                for (BackupStore.StoredBackup b : e.getValue()) {
                    if (!b.manifest().verified) {
                        skipped.add(b.id());
                    } else if (there.containsKey(b.id())) {
                        already.add(b.id());
                        if (state.pushedAt(b.id()) == null) {
                            state.recordPushed(b.id(), there.get(b.id()).id(), there.get(b.id()).time());
                        }
                    } else {
                        say.accept("pushing " + b.id() + " to the restic repository");
                        String snap = pushOne(b);
                        state.recordPushed(b.id(), snap, Instant.now());
                        pushed.add(b.id());
                    }
                }
                if (pushed.size() > before) {
                    restic.check();
                }
                state.recordSuccess(Instant.now());
                save(state, project);
            } catch (GuardException ex) {
                state.recordFailure(Instant.now(), ex.getMessage());
                save(state, project);
                throw ex;
            }
        }
        return new Result(pushed, already, skipped);
    }

    private String pushOne(BackupStore.StoredBackup b) {
        Manifest m = b.manifest();
        List<String> tags = new ArrayList<>(List.of(Restic.TAG, RemoteSnapshot.PROJECT + m.project,
                RemoteSnapshot.BACKUP + b.id()));
        for (Manifest.VolumeArchive v : m.volumes) {
            if (v.name != null) {
                tags.add(RemoteSnapshot.VOLUME + v.name);
            }
        }
        String host = m.host != null && !m.host.isEmpty() ? m.host : "unknown";
        String snap = restic.backup(b.dir(), host, b.createdAt(), tags);
        List<String> problems = compare(b, restic.files(snap));
        if (!problems.isEmpty()) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "snapshot " + shortId(snap) + " of " + b.id()
                    + " does not match the backup: " + String.join("; ", problems));
        }
        return snap;
    }

    /** Every file the manifest names, and the manifest itself, must be in the snapshot with the same size. */
    static List<String> compare(BackupStore.StoredBackup b, Map<String, Long> files) {
        Map<String, Long> expected = new LinkedHashMap<>();
        Path dir = b.dir().toAbsolutePath();
        try {
            expected.put(Manifest.FILE, Files.size(dir.resolve(Manifest.FILE)));
        } catch (IOException e) {
            expected.put(Manifest.FILE, -1L);
        }
        b.manifest().volumes.forEach(v -> expected.put(v.archive, v.archiveBytes));
        b.manifest().dumps.forEach(d -> expected.put(d.file, d.bytes));
        List<String> problems = new ArrayList<>();
        for (var e : expected.entrySet()) {
            Long got = files.get(dir.resolve(e.getKey()).toString());
            if (got == null) {
                problems.add(e.getKey() + " missing");
            } else if (e.getValue() >= 0 && got.longValue() != e.getValue()) {
                problems.add(e.getKey() + " has " + got + " bytes, expected " + e.getValue());
            }
        }
        return problems;
    }

    private void fail(String project, String message) {
        PushState state = PushState.read(store.root(), project);
        state.recordFailure(Instant.now(), message);
        save(state, project);
    }

    /** Records a push that could not even start (no restic, no password) for each project. */
    public static void recordFailure(BackupStore store, String project, String message) {
        PushState state = PushState.read(store.root(), project);
        state.recordFailure(Instant.now(), message);
        try {
            state.write(store.root(), project);
        } catch (IOException ignored) {
            // the failure itself was already reported on stderr
        }
    }

    private void save(PushState state, String project) {
        try {
            state.write(store.root(), project);
        } catch (IOException e) {
            say.accept("warning: cannot record the push state in " + store.root() + ": " + e.getMessage());
        }
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
