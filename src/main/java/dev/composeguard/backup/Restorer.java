package dev.composeguard.backup;

import dev.composeguard.cli.ExitCodes;
import dev.composeguard.cli.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import java.io.BufferedInputStream;
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
import java.util.zip.GZIPInputStream;

/**
 * Puts a volume archive back into a volume: verifies the archive (checksum, counts) and checks every entry before
 * writing anything; creates the target volume (the original name with its original driver, options and labels, or
 * a new name); extracts through a never-started helper container; recounts the volume.
 */
public final class Restorer {
    public static final String RESTORED_FROM = "dev.compose-guard.restored-from";

    private final EngineClient engine;
    private final Consumer<String> say;
    private Progress progress = Progress.NONE;

    public Restorer(EngineClient engine, Consumer<String> say) {
        this.engine = engine;
        this.say = say;
    }

    /** Where writing a volume back reports how far it is. */
    public Restorer progress(Progress p) {
        progress = p;
        return this;
    }

    /** What restoring one archive would do. */
    public record Step(Manifest.VolumeArchive archive, String target, boolean exists, long existingEntries,
            List<String> usedBy) {
        public boolean overwrites() {
            return exists && existingEntries > 0;
        }
    }

    /** Checks the archive and looks at the target; changes nothing. */
    public Step prepare(BackupStore.StoredBackup backup, Manifest.VolumeArchive a, String to) {
        String target = to != null ? to : a.name;
        if (target == null) {
            throw new GuardException(ExitCodes.USAGE, "archive " + a.archive + " holds a container directory; use --to");
        }
        Path file;
        try {
            file = Verifier.inside(backup.dir(), a.archive);
            Verifier.Checked c = Verifier.readArchive(file);
            if (!c.sha256().equals(a.sha256)) {
                throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": checksum mismatch; nothing was restored");
            }
            if (c.stats().entries() != a.entries || c.stats().contentBytes() != a.contentBytes) {
                throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": entry count differs from the manifest;"
                        + " nothing was restored");
            }
            try (InputStream in = gunzip(file)) {
                List<String> bad = SafeTar.problems(in);
                if (!bad.isEmpty()) {
                    throw new GuardException(ExitCodes.BACKUP_FAILED, a.archive + ": unsafe entry " + bad.get(0)
                            + "; nothing was restored");
                }
            }
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
        return new Step(a, target, existing.isPresent(), entries, users);
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
        if (sameName) {
            labels.putAll(a.labels);
        } else {
            // A new name gets no compose labels: compose would otherwise believe it owns it under another key.
            a.labels.forEach((k, v) -> {
                if (!k.startsWith("com.docker.compose.")) {
                    labels.put(k, v);
                }
            });
        }
        labels.put(RESTORED_FROM, backup.id());
        if (step.exists()) {
            say.accept("removing the existing volume " + target + " (confirmed)");
            engine.removeVolume(target);
        }
        engine.createVolume(target, sameName ? a.driver : null, sameName ? a.driverOpts : Map.of(), labels);
        Path file;
        try {
            file = Verifier.inside(backup.dir(), a.archive);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "restore of " + target + " failed: "
                    + BackupRunner.reason(e), e);
        }
        try (Progress.Step shown = progress.step("restoring volume " + target, a.archiveBytes);
                InputStream in = new GZIPInputStream(new BufferedInputStream(Progress.counting(
                        Files.newInputStream(file), shown), 64 * 1024), 64 * 1024)) {
            engine.writeVolume(target, engine.carrierImage(List.of()), in);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "restore of " + target + " failed: "
                    + BackupRunner.reason(e), e);
        }
        long now;
        try (InputStream in = engine.readVolume(target, engine.carrierImage(List.of()))) {
            now = TarStats.count(in).entries();
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "cannot recount " + target + ": " + BackupRunner.reason(e), e);
        }
        if (now != a.entries) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "restored " + target + " holds " + now + " entries, the"
                    + " backup " + a.entries);
        }
        say.accept("restored " + target + " from " + backup.dir().resolve(a.archive) + " (" + now + " entries)");
    }

    static InputStream gunzip(Path file) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024), 64 * 1024);
    }
}
