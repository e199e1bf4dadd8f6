package dev.composeguard.backup;

import dev.composeguard.core.Timings;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Puts a volume archive back into a volume: verifies the archive (checksum, counts) and checks every entry before
 * writing anything; creates the target volume (the original name with its original driver, options and labels, or
 * a new name); extracts with GNU tar in a helper container (exact: root entry, owners, modes, xattrs, ACLs, times,
 * sparse files), else through the Engine's archive API; recounts the volume.
 */
public final class Restorer {
    public static final String RESTORED_FROM = "dev.compose-guard.restored-from";

    private final EngineClient engine;
    private final Consumer<String> say;
    private String tarImageSetting;
    private Progress progress = Progress.NONE;
    private Map<String, String> extraLabels = Map.of();

    public Restorer(EngineClient engine, Consumer<String> say) {
        this.engine = engine;
        this.say = say;
    }

    /** {@code COMPOSE_GUARD_TAR_IMAGE}: a local image with GNU tar to extract with (tried before the backup's own). */
    public Restorer tarImage(String image) {
        tarImageSetting = image;
        return this;
    }

    /** Where writing a volume back reports how far it is. */
    public Restorer progress(Progress p) {
        progress = p;
        return this;
    }

    /** Puts these labels on every volume it creates too (a drill's scratch volumes). */
    public Restorer labelled(Map<String, String> labels) {
        extraLabels = Map.copyOf(labels);
        return this;
    }

    /**
     * What restoring one archive would do; {@code tarBytes} is the length of the uncompressed tar (0: unknown);
     * {@code verified}: the archive was verified and every entry checked already (else that happens while the Engine
     * extracts it into the new volume, which is removed again when anything is wrong).
     */
    public record Step(Manifest.VolumeArchive archive, String target, boolean exists, long existingEntries,
            List<String> usedBy, long tarBytes, boolean verified) {
        public boolean overwrites() {
            return exists && existingEntries > 0;
        }
    }

    /**
     * Looks at the target first: a volume that exists is never touched before its archive is verified ({@link
     * #prepare}); a new one is verified while it is extracted (one read of the archive instead of two), and removed
     * again when the archive turns out bad. Changes nothing.
     */
    public Step look(BackupStore.StoredBackup backup, Manifest.VolumeArchive a, String to) {
        String target = target(a, to);
        if (engine.volume(target).isPresent()) {
            return prepare(backup, a, to);
        }
        try {
            Verifier.inside(backup.dir(), a.archive);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": " + BackupRunner.reason(e)
                    + "; nothing was restored", e);
        }
        Timings.mark("restore: look at the target");
        return new Step(a, target, false, 0, List.of(), 0, false);
    }

    private static String target(Manifest.VolumeArchive a, String to) {
        String target = to != null ? to : a.name;
        if (target == null) {
            throw new GuardException(ExitCodes.USAGE, "archive " + a.archive + " holds the directory "
                    + a.path + " of container " + a.container + ": restore it into a volume with --to NEW_VOLUME");
        }
        return target;
    }

    /** Checks the archive (checksum, counts, every entry) and looks at the target; changes nothing. */
    public Step prepare(BackupStore.StoredBackup backup, Manifest.VolumeArchive a, String to) {
        String target = target(a, to);
        long tarBytes = verify(backup, a);
        Optional<EngineVolume> existing = engine.volume(target);
        long entries = 0;
        List<String> users = new ArrayList<>();
        if (existing.isPresent()) {
            entries = existingEntries(target);
            for (EngineContainer c : engine.containers(true, Map.of())) {
                if (c.mounts().stream().anyMatch(m -> target.equals(m.name()))) {
                    users.add(c.name() + " (" + c.state() + ")");
                }
            }
        }
        Timings.mark("restore: look at the target");
        return new Step(a, target, existing.isPresent(), entries, users, tarBytes, true);
    }

    /** One read of the archive: checksum, counts, every entry; returns the tar's length. */
    private static long verify(BackupStore.StoredBackup backup, Manifest.VolumeArchive a) {
        try {
            Verifier.Checked c = Verifier.readAndCheckArchive(Verifier.inside(backup.dir(), a.archive));
            if (!c.sha256().equals(a.sha256)) {
                throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": checksum mismatch; nothing was restored");
            }
            if (!c.problems().isEmpty()) {
                throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": unsafe entry " + c.problems().get(0)
                        + "; nothing was restored");
            }
            if (c.stats().entries() != a.entries || c.stats().contentBytes() != a.contentBytes) {
                throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": entry count differs from the manifest;"
                        + " nothing was restored");
            }
            Timings.mark("restore: verify + check entries");
            return c.stats().tarBytes();
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": " + BackupRunner.reason(e)
                    + "; nothing was restored", e);
        }
    }

    /** Entries of an existing volume: a walk of its directory when the guard can read it, else a read through it. */
    private long existingEntries(String target) {
        Optional<Path> dir = engine.localMountpoint(target);
        if (dir.isPresent()) {
            try {
                return Recount.walk(dir.get()).entries();
            } catch (IOException | RuntimeException e) {
                // read it through the engine
            }
        }
        try (InputStream in = engine.readVolume(target, engine.carrierImage(List.of()))) {
            return TarStats.count(in).entries();
        } catch (IOException e) {
            throw new GuardException(ExitCodes.ENGINE_UNAVAILABLE, "cannot read volume " + target + ": "
                    + BackupRunner.reason(e), e);
        }
    }

    /** Restores; {@code overwriteConfirmed} allows replacing a non-empty target (it is removed and recreated). */
    public void restore(BackupStore.StoredBackup backup, Step step, boolean overwriteConfirmed) {
        Manifest.VolumeArchive a = step.archive();
        String target = step.target();
        refuseUnless(step, overwriteConfirmed);
        boolean sameName = target.equals(a.name);
        VolumeTar tar = VolumeTar.find(engine, java.util.Arrays.asList(tarImageSetting, a.tarImage));
        Timings.mark("restore: tar image lookup");
        Step s = step;
        if (!s.verified() && tar.image() != null) {
            // GNU tar in a helper reads exactly the tar's length (the attach stream cannot be half-closed): only a
            // verified archive has a known length, so this path verifies first, as for an existing volume
            s = new Step(a, target, false, 0, List.of(), verify(backup, a), true);
        }
        if (step.exists()) {
            say.accept("removing the existing volume " + target + " (confirmed)");
            engine.removeVolume(target);
        } else if (engine.volume(target).isPresent()) {
            throw new GuardException(ExitCodes.REFUSED, "volume " + target + " was created meanwhile; nothing was"
                    + " restored (run the restore again to see what it would replace)");
        }
        engine.createVolume(target, sameName ? a.driver : null, sameName ? a.driverOpts : Map.of(),
                labels(a, backup, sameName));
        Timings.mark("restore: create volume");
        if (tar.image() == null) {
            say.accept("no local image with GNU tar (set COMPOSE_GUARD_TAR_IMAGE): extracting " + target
                    + " through the engine's archive API, which does not restore the volume root's mode and"
                    + " owner, set-uid bits, extended attributes, pre-1970 times or sparse files");
        }
        if (s.verified()) {
            extractVerified(backup, s, tar);
        } else {
            extractChecking(backup, s, tar);
        }
        Timings.mark("restore: extract");
        long now;
        try {
            now = Recount.entries(engine, tar.image() != null ? tar::count : null, target, a.entries, a.contentBytes);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "cannot recount " + target + ": " + BackupRunner.reason(e), e);
        }
        Timings.mark("restore: recount");
        if (now != a.entries) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "restored " + target + " holds " + now + " entries, the"
                    + " backup " + a.entries);
        }
        say.accept("restored " + target + " from " + backup.dir().resolve(a.archive) + " (" + now + " entries)");
    }

    private static void refuseUnless(Step step, boolean overwriteConfirmed) {
        String target = step.target();
        if (step.overwrites() && !overwriteConfirmed) {
            throw new GuardException(ExitCodes.REFUSED, "volume " + target + " is not empty (" + step.existingEntries()
                    + " entries); not confirmed, nothing was restored");
        }
        if (step.exists() && !step.usedBy().isEmpty()) {
            throw new GuardException(ExitCodes.REFUSED, "volume " + target + " is used by " + String.join(", ",
                    step.usedBy()) + "; stop and remove those containers first (docker compose down, without -v)");
        }
        if (target.equals(step.archive().name) && step.archive().driverOpts.containsValue(Redact.REDACTED)) {
            // A driver option built from an env file was never recorded: a volume without it would be another one.
            throw new GuardException(ExitCodes.USAGE, "volume " + target + " had a driver option set from an env file,"
                    + " which the backup does not record; restore into a new name with --to, or create the volume with"
                    + " compose first and restore its data with --to " + target);
        }
    }

    private Map<String, String> labels(Manifest.VolumeArchive a, BackupStore.StoredBackup backup, boolean sameName) {
        Map<String, String> labels = new LinkedHashMap<>();
        // Labels built from an env file were recorded redacted: left out (compose sets them again on up). A new name
        // gets no compose labels: compose would otherwise believe it owns it under another key.
        a.labels.forEach((k, v) -> {
            if (!Redact.REDACTED.equals(v) && (sameName || !k.startsWith("com.docker.compose."))) {
                labels.put(k, v);
            }
        });
        labels.put(RESTORED_FROM, backup.id());
        labels.putAll(extraLabels);
        return labels;
    }

    /** Extracts an archive verified before (the only way into a volume that existed). */
    private void extractVerified(BackupStore.StoredBackup backup, Step step, VolumeTar tar) {
        Manifest.VolumeArchive a = step.archive();
        try (Progress.Step shown = progress.step("restoring volume " + step.target(), a.archiveBytes);
                InputStream in = Compression.decompress(Progress.counting(
                        Files.newInputStream(Verifier.inside(backup.dir(), a.archive)), shown))) {
            extract(step, tar, in);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "restore of " + step.target() + " failed: "
                    + BackupRunner.reason(e), e);
        }
    }

    /**
     * Into a new volume: one read of the archive, verified while it is extracted ({@link CheckedTarStream}: every
     * entry checked before it is passed on; checksum, counts and links through links at the end). Anything wrong
     * removes the new volume again.
     */
    private void extractChecking(BackupStore.StoredBackup backup, Step step, VolumeTar tar) {
        Manifest.VolumeArchive a = step.archive();
        String bad;
        try (Progress.Step shown = progress.step("restoring volume " + step.target(), a.archiveBytes);
                HashingInputStream file = new HashingInputStream(Progress.counting(
                        Files.newInputStream(Verifier.inside(backup.dir(), a.archive)), shown));
                CheckedTarStream checked = new CheckedTarStream(Compression.decompress(file))) {
            try {
                extract(step, tar, checked);
            } catch (IOException | RuntimeException e) {
                if (checked.problem() == null) {
                    throw e;
                }
            }
            bad = checked.problem() != null ? checked.problem() : mismatch(a, file, checked);
        } catch (IOException | RuntimeException e) {
            bad = BackupRunner.reason(e);
        }
        if (bad != null) {
            try {
                engine.removeVolume(step.target());
            } catch (RuntimeException e) {
                say.accept("could not remove the new volume " + step.target() + ": run 'docker volume rm "
                        + step.target() + "'");
            }
            throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": " + bad + "; the new volume "
                    + step.target() + " was removed again, nothing was restored");
        }
    }

    /** After the extraction: what disagrees with the manifest, or null. */
    private static String mismatch(Manifest.VolumeArchive a, HashingInputStream file, CheckedTarStream checked)
            throws IOException {
        List<String> links = checked.finish();
        if (!file.finish().equals(a.sha256) || file.count() != a.archiveBytes && a.archiveBytes > 0) {
            return "checksum mismatch";
        }
        if (!links.isEmpty()) {
            return "unsafe entry " + links.get(0);
        }
        if (checked.entries() != a.entries || checked.contentBytes() != a.contentBytes) {
            return "entry count differs from the manifest";
        }
        return null;
    }

    private void extract(Step step, VolumeTar tar, InputStream in) throws IOException {
        if (tar.image() != null) {
            tar.extract(step.target(), in, step.tarBytes());
        } else {
            engine.writeVolume(step.target(), engine.carrierImage(List.of()), in);
        }
    }
}
