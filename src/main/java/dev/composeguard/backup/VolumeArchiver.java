package dev.composeguard.backup;

import dev.composeguard.core.Timings;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.plan.ContainerData;
import dev.composeguard.plan.PlanEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes one volume (or container directory) into a backup as a compressed tar, in one streaming pass: the engine's
 * stream (or GNU tar's, in a helper) is walked entry by entry for its counts while it is compressed, written to an
 * {@link AtomicFile} and hashed; the file is fsync'd and renamed. Memory stays bounded (64 KiB buffers, zstd's
 * workers), whatever the volume's size.
 */
final class VolumeArchiver {
    private final EngineClient engine;
    private final Compression compression;
    private final String tarImageSetting;
    private final List<String> envFileValues;
    private final Progress progress;
    private final Consumer<String> say;
    private VolumeTar tar;

    VolumeArchiver(EngineClient engine, Compression compression, String tarImageSetting, List<String> envFileValues,
            Progress progress, Consumer<String> say) {
        this.engine = engine;
        this.compression = compression;
        this.tarImageSetting = tarImageSetting;
        this.envFileValues = envFileValues;
        this.progress = progress;
        this.say = say;
    }

    /** The GNU tar helper that read the volumes, or null when none was looked for or found. */
    Verifier.Counter counter() {
        return tar != null && tar.image() != null ? tar::count : null;
    }

    Manifest.VolumeArchive volume(Path work, PlanEntry v, List<EngineContainer> containers) throws IOException {
        List<String> carriers = new ArrayList<>();
        for (EngineContainer c : containers) {
            if (Writers.mounts(c, v.volume())) {
                carriers.add(c.imageId());
            }
        }
        containers.forEach(c -> carriers.add(c.imageId()));
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.name = v.volume();
        a.driver = v.driver();
        a.labels.putAll(Redact.fromEnvFiles(new TreeMap<>(v.labels()), envFileValues));
        a.services.addAll(v.services());
        a.engineSizeBytes = v.sizeBytes();
        a.driverOpts.putAll(Redact.fromEnvFiles(driverOpts(v.volume()), envFileValues));
        a.archive = "volumes/" + BackupRunner.safe(v.volume()) + compression.extension();
        VolumeTar t = tar(carriers);
        a.reader = t.image() != null ? Manifest.READER_GNU_TAR : Manifest.READER_ENGINE;
        a.tarImage = t.image();
        try (InputStream in = t.image() != null ? t.read(v.volume()) : engine.readVolume(v.volume(),
                engine.carrierImage(carriers))) {
            Timings.mark("open the volume's stream (helper)");
            write(work.resolve(a.archive), in, a, v.volume(), v.sizeBytes());
        }
        Timings.mark("close the stream (helper removed)");
        return a;
    }

    Manifest.VolumeArchive containerPath(Path work, ContainerData d) throws IOException {
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.container = d.container();
        a.path = d.path();
        a.services.add(d.service());
        a.archive = "volumes/container-" + BackupRunner.safe(d.container())
                + BackupRunner.safe(d.path().replace('/', '_')) + compression.extension();
        a.reader = Manifest.READER_ENGINE;
        try (InputStream in = engine.readContainerPath(d.containerId(), d.path())) {
            write(work.resolve(a.archive), in, a, d.container() + ":" + d.path(), -1);
        }
        return a;
    }

    /** The GNU tar helper, looked for once per backup (COMPOSE_GUARD_TAR_IMAGE first, then the services' images). */
    private VolumeTar tar(List<String> carriers) {
        if (tar == null) {
            List<String> candidates = new ArrayList<>();
            candidates.add(tarImageSetting);
            candidates.addAll(carriers);
            tar = VolumeTar.find(engine, candidates);
            if (tar.image() == null) {
                say.accept("no local image with GNU tar (set COMPOSE_GUARD_TAR_IMAGE): volumes are read through the"
                        + " engine's archive stream, which keeps no extended attributes or ACLs (file capabilities"
                        + " only), whole-second times, and fills sparse files");
            }
            Timings.mark("GNU tar image lookup");
        }
        return tar;
    }

    private Map<String, String> driverOpts(String volume) {
        return new TreeMap<>(engine.volumeOptions(volume));
    }

    private void write(Path target, InputStream in, Manifest.VolumeArchive a, String label, long expected)
            throws IOException {
        try (AtomicFile f = AtomicFile.create(target); Progress.Step step = progress.step("backing up " + label, expected)) {
            TarStats stats;
            a.format = compression.extension().substring(1);
            // Closing the compressor finishes it; the AtomicFile's own stream ignores close (commit/abort end it).
            try (OutputStream z = compression.compress(f.stream())) {
                stats = TarStats.copy(in, z, step::done);
            }
            Timings.mark("stream, count, compress, write, hash");
            a.sha256 = f.commit();
            Timings.mark("fsync, rename");
            a.archiveBytes = f.bytes();
            a.entries = stats.entries();
            a.contentBytes = stats.contentBytes();
        }
    }
}
