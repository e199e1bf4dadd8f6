package dev.composeguard.backup;

import dev.composeguard.core.Timings;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineUnavailableException;
import dev.composeguard.plan.ContainerData;
import dev.composeguard.plan.PlanEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Takes one backup: every planned volume as a compressed tar (GNU tar in a helper container, else the Engine API's
 * stream; {@link VolumeArchiver}), every stateful container directory at risk likewise, a logical dump of every
 * running known database concerned ({@link DumpRunner}); then verifies it ({@link Verifier}) and only then moves it
 * into place. Any failure deletes the partial backup and throws {@link GuardException} with
 * {@link ExitCodes#BACKUP_FAILED}: the caller deletes nothing.
 */
public final class BackupRunner {
    /** Space kept free beyond the estimate. */
    static final long MARGIN = 64 * 1024;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final EngineClient engine;
    private final BackupStore store;
    private final Consumer<String> say;
    private final Writers writers;
    private int gzipLevel = 1;
    private Compression compression = Compression.fromEnv(null, null);
    private String tarImageSetting;
    private List<String> envFileValues = List.of();
    private Progress progress = Progress.NONE;
    private boolean stopWriters;
    private final Map<String, Map<String, Long>> counts = new HashMap<>();

    public BackupRunner(EngineClient engine, BackupStore store, Consumer<String> say) {
        this.engine = engine;
        this.store = store;
        this.say = say;
        this.writers = new Writers(engine, say);
    }

    /**
     * Which running containers that write to a volume are paused (frozen) while it is archived, so that the copy is a
     * single point in time: by default those of known databases (a copy of a live database's files taken while it
     * writes may not even start); {@code COMPOSE_GUARD_PAUSE_WRITERS=1} every writer, {@code =0} none (the copy is
     * then marked {@code live}: the logical dump is the consistent copy). They are unpaused right after, whatever
     * happens.
     */
    public BackupRunner pauseWriters(String policy) {
        writers.policy(policy);
        return this;
    }

    /**
     * Values set by the project's env files (.env, --env-file): a volume label or driver option built from one is
     * recorded as redacted in the manifest (issue 11 row 16).
     */
    public BackupRunner redacting(java.util.Collection<String> values) {
        envFileValues = List.copyOf(values);
        return this;
    }

    /** Where long steps (archives, dumps, verification) report how far they are. */
    public BackupRunner progress(Progress p) {
        progress = p;
        return this;
    }

    /**
     * Stop the running containers that write to a planned volume after the dumps and before the file copies (for
     * calls that stop them anyway: down, rm -s, recreation), so that the copy is a single point in time and nothing
     * they write afterwards is lost. When the backup fails they are started again.
     */
    public BackupRunner stopWriters(boolean stop) {
        stopWriters = stop;
        return this;
    }

    /** The containers this runner stopped (for the caller's message). */
    public List<EngineContainer> stopped() {
        return writers.stopped();
    }

    /** gzip level 1-9 (default 1, fastest), e.g. from COMPOSE_GUARD_GZIP_LEVEL. */
    public BackupRunner gzipLevel(String level) {
        if (level != null && !level.isEmpty()) {
            try {
                int l = Integer.parseInt(level.trim());
                if (l >= 1 && l <= 9) {
                    gzipLevel = l;
                }
            } catch (NumberFormatException ignored) {
                // keep the default
            }
        }
        return this;
    }

    /**
     * The settings from the call's environment: {@code COMPOSE_GUARD_COMPRESSION} ({@code zstd[:LEVEL]}, the default,
     * or {@code gzip[:LEVEL]}), {@code COMPOSE_GUARD_GZIP_LEVEL}, {@code COMPOSE_GUARD_TAR_IMAGE} (a local image with
     * GNU tar to read volumes with; default: the services' own images).
     */
    public BackupRunner settings(Map<String, String> env) {
        gzipLevel(env.get("COMPOSE_GUARD_GZIP_LEVEL"));
        compression = Compression.fromEnv(env.get("COMPOSE_GUARD_COMPRESSION"), env.get("COMPOSE_GUARD_GZIP_LEVEL"));
        tarImageSetting = env.get("COMPOSE_GUARD_TAR_IMAGE");
        return this;
    }

    /** What to back up. */
    public record Request(String project, String reason, List<PlanEntry> volumes, List<ContainerData> containerData,
            List<EngineContainer> containers, List<EngineContainer> dumpContainers) {
    }

    /** The running containers of known databases among {@code containers} that use a planned volume or path. */
    public static List<EngineContainer> dumpCandidates(List<EngineContainer> containers, List<PlanEntry> volumes,
            List<ContainerData> data, boolean all) {
        Set<String> names = new LinkedHashSet<>();
        volumes.forEach(v -> names.add(v.volume()));
        Set<String> ids = new LinkedHashSet<>();
        data.forEach(d -> ids.add(d.containerId()));
        List<EngineContainer> out = new ArrayList<>();
        for (EngineContainer c : containers) {
            if (!c.running() || DumpRecipe.forImage(c.image()) == null) {
                continue;
            }
            if (all || ids.contains(c.id()) || c.mounts().stream().anyMatch(m -> names.contains(m.name()))) {
                out.add(c);
            }
        }
        return out;
    }

    public BackupStore.StoredBackup run(Request req) {
        PartialBackup at = new PartialBackup(say);
        try {
            try {
                engine.removeLeftoverHelpers();
            } catch (RuntimeException ignored) {
                // housekeeping only
            }
            Path root = store.root();
            at.current = "preparing " + root;
            PartialBackup.checkRoot(root, req.volumes().stream().mapToLong(v -> Math.max(0, v.sizeBytes())).sum());
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String id = PartialBackup.uniqueId(root, safe(req.project()) + "-" + ID_TIME.format(now));
            at.begin(root, id);
            Manifest m = manifest(id, req, now);
            Timings.mark("backup directory, engine version");
            VolumeArchiver archiver = new VolumeArchiver(engine, compression, tarImageSetting, envFileValues,
                    progress, say);
            copy(at, req, m, archiver);
            at.current = "manifest";
            AtomicFile.write(at.work().resolve(Manifest.FILE), m.toJson());
            at.current = "verification";
            verify(at.work(), req, m, archiver.counter());
            m.verified = true;
            m.verifiedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            AtomicFile.write(at.work().resolve(Manifest.FILE), m.toJson());
            at.current = "moving the backup into place";
            return new BackupStore.StoredBackup(at.moveInto(root, id), m);
        } catch (IOException | UncheckedIOException | EngineUnavailableException | SecurityException e) {
            throw failed(at, e);
        } catch (GuardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(at, e);
        } finally {
            if (at.discard()) {
                writers.restartStopped();
            }
        }
    }

    private GuardException failed(PartialBackup at, Exception e) {
        waitIfExiting();
        return new GuardException(ExitCodes.BACKUP_FAILED, "backup failed (" + at.current + "): " + reason(e)
                + "; nothing was deleted", e);
    }

    private Manifest manifest(String id, Request req, Instant now) {
        Manifest m = new Manifest();
        m.id = id;
        m.project = req.project();
        m.createdAt = now.toString();
        m.host = hostName();
        m.guardVersion = dev.composeguard.core.Version.current();
        m.engineVersion = engine.serverVersion();
        m.reason = req.reason();
        return m;
    }

    /** Dumps first (a paused container cannot run its dump tool), then the writers stopped, then the copies. */
    private void copy(PartialBackup at, Request req, Manifest m, VolumeArchiver archiver) throws IOException {
        Path work = at.work();
        if (!req.dumpContainers().isEmpty()) {
            Files.createDirectory(work.resolve("dumps"), PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
        }
        DumpRunner dumps = new DumpRunner(engine, progress, gzipLevel);
        for (EngineContainer c : req.dumpContainers()) {
            at.current = "dump of " + c.name();
            m.dumps.add(dumps.dump(work, c));
            counts.put(c.id(), VolumeFacts.count(engine, c));
        }
        if (stopWriters) {
            at.current = "stopping the writers";
            writers.stopAll(Writers.of(req));
        }
        if (!req.volumes().isEmpty() || !req.containerData().isEmpty()) {
            Files.createDirectory(work.resolve("volumes"), PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
        }
        for (PlanEntry v : req.volumes()) {
            at.current = "volume " + v.volume();
            List<EngineContainer> live = stopWriters ? List.of() : req.containers().stream()
                    .filter(c -> c.running() && Writers.mounts(c, v.volume())).toList();
            List<EngineContainer> frozen = live.stream().filter(writers::pauses).toList();
            Manifest.VolumeArchive a = writers.paused(frozen, () -> archiver.volume(work, v, req.containers()));
            a.consistency = writers.stoppedOneOf(v.volume()) ? "stopped" : live.isEmpty() ? "quiescent"
                    : frozen.size() == live.size() ? "frozen" : "live";
            VolumeFacts.describe(engine, a, req.containers(), counts);
            m.volumes.add(a);
        }
        for (ContainerData d : req.containerData()) {
            at.current = "container " + d.container() + ":" + d.path();
            List<EngineContainer> frozen = stopWriters ? List.of() : req.containers().stream()
                    .filter(c -> c.running() && c.id().equals(d.containerId())).filter(writers::pauses).toList();
            m.volumes.add(writers.paused(frozen, () -> archiver.containerPath(work, d)));
        }
    }

    /** Re-reads the backup; recounts the volumes nothing wrote to while they were read. */
    private void verify(Path work, Request req, Manifest m, Verifier.Counter counter) throws IOException {
        Set<String> recount = Writers.quiescentVolumes(req);
        if (stopWriters) {
            req.volumes().forEach(v -> recount.add(v.volume()));
        }
        Verifier.Result check = Verifier.verify(work, m, new Verifier.Options(recount, engine, counter, progress));
        if (!check.ok()) {
            throw new IOException(check.problems().get(0));
        }
    }

    /**
     * During the JVM's exit (SIGINT/SIGTERM), the shutdown hooks drop the stream, remove the helper and the partial
     * backup, and say so; the failure the dropped stream causes here is no news: this thread waits for the exit.
     */
    private static void waitIfExiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
        } catch (IllegalStateException exiting) {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException ignored) {
                    // the JVM halts after its hooks, whatever this thread does
                }
            }
        }
    }

    static String reason(Throwable e) {
        Throwable t = e;
        while (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof java.nio.file.AccessDeniedException || t instanceof java.nio.file.FileSystemException) {
            var fse = (java.nio.file.FileSystemException) t;
            String why = fse.getReason() != null ? fse.getReason()
                    : t instanceof java.nio.file.AccessDeniedException ? "permission denied" : t.getClass().getSimpleName();
            m = why + " (" + fse.getFile() + ")";
        }
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        return m.replace('\n', ' ');
    }

    /** Engine names are [a-zA-Z0-9][a-zA-Z0-9_.-]*; anything else becomes '_'. */
    static String safe(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.' ? c : '_');
        }
        String r = b.toString();
        return r.startsWith(".") ? "_" + r.substring(1) : r;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; the directory name marks it partial
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
