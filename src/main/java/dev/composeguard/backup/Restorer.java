package dev.composeguard.backup;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import java.io.IOException;
import java.io.InputStream;
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

    /** What restoring one archive would do; {@code tarBytes} is the length of the uncompressed tar. */
    public record Step(Manifest.VolumeArchive archive, String target, boolean exists, long existingEntries,
            List<String> usedBy, long tarBytes) {
        public boolean overwrites() {
            return exists && existingEntries > 0;
        }
    }

    /** Checks the archive and looks at the target; changes nothing. */
    public Step prepare(BackupStore.StoredBackup backup, Manifest.VolumeArchive a, String to) {
        String target = to != null ? to : a.name;
        if (target == null) {
            throw new GuardException(ExitCodes.USAGE, "archive " + a.archive + " holds the directory "
                    + a.path + " of container " + a.container + ": restore it into a volume with --to NEW_VOLUME");
        }
        Path file;
        long tarBytes;
        try {
            file = Verifier.inside(backup.dir(), a.archive);
            Verifier.Checked c = Verifier.readAndCheckArchive(file); // one read: checksum, counts, every entry
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
            tarBytes = c.stats().tarBytes();
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": " + BackupRunner.reason(e)
                    + "; nothing was restored", e);
        }
        Optional<EngineVolume> existing = engine.volume(target);
        long entries = 0;
        List<String> users = new ArrayList<>();
        if (existing.isPresent()) {
            try (InputStream in = engine.readVolume(target, engine.carrierImage(List.of()))) {
                entries = TarStats.count(in).entries();
            } catch (IOException e) {
                throw new GuardException(ExitCodes.ENGINE_UNAVAILABLE, "cannot read volume " + target + ": "
                        + BackupRunner.reason(e), e);
            }
            for (EngineContainer c : engine.containers(true, Map.of())) {
                if (c.mounts().stream().anyMatch(m -> target.equals(m.name()))) {
                    users.add(c.name() + " (" + c.state() + ")");
                }
            }
        }
        return new Step(a, target, existing.isPresent(), entries, users, tarBytes);
    }

    /** Restores; {@code overwriteConfirmed} allows replacing a non-empty target (it is removed and recreated). */
    public void restore(BackupStore.StoredBackup backup, Step step, boolean overwriteConfirmed) {
        Manifest.VolumeArchive a = step.archive();
        String target = step.target();
        if (step.overwrites() && !overwriteConfirmed) {
            throw new GuardException(ExitCodes.REFUSED, "volume " + target + " is not empty (" + step.existingEntries()
                    + " entries); not confirmed, nothing was restored");
        }
        if (step.exists() && !step.usedBy().isEmpty()) {
            throw new GuardException(ExitCodes.REFUSED, "volume " + target + " is used by " + String.join(", ",
                    step.usedBy()) + "; stop and remove those containers first (docker compose down, without -v)");
        }
        boolean sameName = target.equals(a.name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (sameName && a.driverOpts.containsValue(Redact.REDACTED)) {
            // A driver option built from an env file was never recorded: a volume without it would be another one.
            throw new GuardException(ExitCodes.USAGE, "volume " + target + " had a driver option set from an env file,"
                    + " which the backup does not record; restore into a new name with --to, or create the volume with"
                    + " compose first and restore its data with --to " + target);
        }
        if (sameName) {
            // Labels built from an env file were recorded redacted: left out (compose sets them again on up).
            a.labels.forEach((k, v) -> {
                if (!Redact.REDACTED.equals(v)) {
                    labels.put(k, v);
                }
            });
        } else {
            // A new name gets no compose labels: compose would otherwise believe it owns it under another key.
            a.labels.forEach((k, v) -> {
                if (!k.startsWith("com.docker.compose.") && !Redact.REDACTED.equals(v)) {
                    labels.put(k, v);
                }
            });
        }
        labels.put(RESTORED_FROM, backup.id());
        labels.putAll(extraLabels);
        if (step.exists()) {
            say.accept("removing the existing volume " + target + " (confirmed)");
            engine.removeVolume(target);
        }
        engine.createVolume(target, sameName ? a.driver : null, sameName ? a.driverOpts : Map.of(), labels);
        VolumeTar tar = VolumeTar.find(engine, java.util.Arrays.asList(tarImageSetting, a.tarImage));
        try (Progress.Step shown = progress.step("restoring volume " + target, a.archiveBytes);
                InputStream in = Compression.decompress(Progress.counting(
                        java.nio.file.Files.newInputStream(Verifier.inside(backup.dir(), a.archive)), shown))) {
            if (tar.image() != null) {
                tar.extract(target, in, step.tarBytes());
            } else {
                say.accept("no local image with GNU tar (set COMPOSE_GUARD_TAR_IMAGE): extracting " + target
                        + " through the engine's archive API, which does not restore the volume root's mode and"
                        + " owner, set-uid bits, extended attributes, pre-1970 times or sparse files");
                engine.writeVolume(target, engine.carrierImage(List.of()), in);
            }
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "restore of " + target + " failed: "
                    + BackupRunner.reason(e), e);
        }
        long now;
        try {
            now = tar.image() != null ? tar.count(target) : Verifier.engineCount(engine, target);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "cannot recount " + target + ": " + BackupRunner.reason(e), e);
        }
        if (now != a.entries) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "restored " + target + " holds " + now + " entries, the"
                    + " backup " + a.entries);
        }
        say.accept("restored " + target + " from " + backup.dir().resolve(a.archive) + " (" + now + " entries)");
    }
}
