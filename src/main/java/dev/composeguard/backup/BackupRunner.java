package dev.composeguard.backup;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineUnavailableException;
import dev.composeguard.plan.ContainerData;
import dev.composeguard.plan.PlanEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Takes one backup: every planned volume as a compressed tar (GNU tar in a helper container, else the Engine API's
 * stream), every stateful container
 * directory at risk likewise, a logical dump of every running known database concerned; then verifies it and only
 * then moves it into place. Any failure deletes the partial backup and throws {@link GuardException} with
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
    private int gzipLevel = 1;
    private Compression compression = Compression.fromEnv(null, null);
    private String tarImageSetting;
    private VolumeTar tar;
    private List<String> envFileValues = List.of();
    private boolean pauseWriters;
    private Progress progress = Progress.NONE;
    private boolean pauseNone;
    private boolean stopWriters;
    private final java.util.Map<String, java.util.Map<String, Long>> counts = new java.util.HashMap<>();
    private final List<EngineContainer> stopped = new ArrayList<>();

    public BackupRunner(EngineClient engine, BackupStore store, Consumer<String> say) {
        this.engine = engine;
        this.store = store;
        this.say = say;
    }

    /**
     * Which running containers that write to a volume are paused (frozen) while it is archived, so that the copy is a
     * single point in time: by default those of known databases (a copy of a live database's files taken while it
     * writes may not even start); {@code COMPOSE_GUARD_PAUSE_WRITERS=1} every writer, {@code =0} none (the copy is
     * then marked {@code live}: the logical dump is the consistent copy). They are unpaused right after, whatever
     * happens.
     */
    public BackupRunner pauseWriters(String policy) {
        pauseWriters = policy != null && (policy.equals("1") || policy.equalsIgnoreCase("true"));
        pauseNone = policy != null && (policy.equals("0") || policy.equalsIgnoreCase("false"));
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

    private boolean pauses(EngineContainer c) {
        return !pauseNone && (pauseWriters || DumpRecipe.forImage(c.image()) != null);
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
        return List.copyOf(stopped);
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
    public BackupRunner settings(java.util.Map<String, String> env) {
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
        Path root = store.root();
        long estimate = req.volumes().stream().mapToLong(v -> Math.max(0, v.sizeBytes())).sum();
        Path work = null;
        Thread cleanup = null;
        boolean[] aborted = {false};
        String current = "preparing " + root;
        try {
            try {
                engine.removeLeftoverHelpers();
            } catch (RuntimeException ignored) {
                // housekeeping only
            }
            createRoot(root);
            checkSpace(root, estimate);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String id = uniqueId(root, req.project(), now);
            work = root.resolve(BackupStore.PARTIAL + id + "-" + UUID.randomUUID().toString().substring(0, 6));
            Files.createDirectory(work, PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
            Path partial = work;
            cleanup = new Thread(() -> {
                // SIGINT/SIGTERM: the JVM runs this while the main thread may still be writing; after it, the main
                // thread can never move the partial backup into place (see the move below)
                synchronized (aborted) {
                    aborted[0] = true;
                }
                deleteTree(partial);
                say.accept("interrupted during the backup: the partial backup was removed; nothing was deleted");
            });
            Runtime.getRuntime().addShutdownHook(cleanup);

            Manifest m = new Manifest();
            m.id = id;
            m.project = req.project();
            m.createdAt = now.toString();
            m.host = hostName();
            m.guardVersion = dev.composeguard.core.Version.current();
            m.engineVersion = engine.serverVersion();
            m.reason = req.reason();

            // Dumps first: a paused container cannot run its dump tool.
            if (!req.dumpContainers().isEmpty()) {
                Files.createDirectory(work.resolve("dumps"), PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
            }
            for (EngineContainer c : req.dumpContainers()) {
                current = "dump of " + c.name();
                m.dumps.add(dump(work, c));
                counts.put(c.id(), VolumeFacts.count(engine, c));
            }
            if (stopWriters) {
                current = "stopping the writers";
                stopAll(writers(req));
            }
            if (!req.volumes().isEmpty() || !req.containerData().isEmpty()) {
                Files.createDirectory(work.resolve("volumes"), PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
            }
            for (PlanEntry v : req.volumes()) {
                current = "volume " + v.volume();
                List<EngineContainer> writers = stopWriters ? List.of() : req.containers().stream().filter(c -> c.running()
                        && c.mounts().stream().anyMatch(mt -> v.volume().equals(mt.name()))).toList();
                List<EngineContainer> frozen = writers.stream().filter(this::pauses).toList();
                Path w = work;
                Manifest.VolumeArchive a = paused(frozen, () -> archiveVolume(w, v, req.containers()));
                boolean wasStopped = stopped.stream().anyMatch(c -> c.mounts().stream()
                        .anyMatch(mt -> v.volume().equals(mt.name())));
                a.consistency = wasStopped ? "stopped" : writers.isEmpty() ? "quiescent"
                        : frozen.size() == writers.size() ? "frozen" : "live";
                VolumeFacts.describe(engine, a, req.containers(), counts);
                m.volumes.add(a);
            }
            for (ContainerData d : req.containerData()) {
                current = "container " + d.container() + ":" + d.path();
                List<EngineContainer> writers = stopWriters ? List.of() : req.containers().stream()
                        .filter(c -> c.running() && c.id().equals(d.containerId())).filter(this::pauses).toList();
                Path w = work;
                m.volumes.add(paused(writers, () -> archiveContainerPath(w, d)));
            }
            current = "manifest";
            AtomicFile.write(work.resolve(Manifest.FILE), m.toJson());

            current = "verification";
            Set<String> recount = quiescentVolumes(req);
            if (stopWriters) {
                req.volumes().forEach(v -> recount.add(v.volume()));
            }
            Verifier.Result check = Verifier.verify(work, m, recount, engine,
                    tar != null && tar.image() != null ? tar::count : null, progress);
            if (!check.ok()) {
                throw new IOException(check.problems().get(0));
            }
            m.verified = true;
            m.verifiedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            AtomicFile.write(work.resolve(Manifest.FILE), m.toJson());

            current = "moving the backup into place";
            Path fin = root.resolve(id);
            synchronized (aborted) {
                if (aborted[0]) {
                    throw new IOException("interrupted");
                }
                Files.move(work, fin, StandardCopyOption.ATOMIC_MOVE);
                work = null;
            }
            AtomicFile.fsyncDir(root);
            return new BackupStore.StoredBackup(fin, m);
        } catch (IOException | UncheckedIOException | EngineUnavailableException | SecurityException e) {
            waitIfExiting();
            throw new GuardException(ExitCodes.BACKUP_FAILED, "backup failed (" + current + "): " + reason(e)
                    + "; nothing was deleted", e);
        } catch (GuardException e) {
            throw e;
        } catch (RuntimeException e) {
            waitIfExiting();
            throw new GuardException(ExitCodes.BACKUP_FAILED, "backup failed (" + current + "): " + reason(e)
                    + "; nothing was deleted", e);
        } finally {
            if (work != null) {
                deleteTree(work);
                restartStopped();
            }
            if (cleanup != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
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

    private interface Archive {
        Manifest.VolumeArchive take() throws IOException;
    }

    /** Runs {@code archive} with the writers paused when the policy says so; always unpauses what it paused. */
    private Manifest.VolumeArchive paused(List<EngineContainer> writers, Archive archive) throws IOException {
        if (writers.isEmpty()) {
            return archive.take();
        }
        List<EngineContainer> done = new ArrayList<>();
        try {
            for (EngineContainer c : writers) {
                engine.pause(c.id());
                done.add(c);
            }
            say.accept("paused " + String.join(", ", writers.stream().map(EngineContainer::name).toList())
                    + " while archiving, for a single-point-in-time copy (COMPOSE_GUARD_PAUSE_WRITERS=0: no pause)");
            return archive.take();
        } finally {
            RuntimeException first = null;
            for (EngineContainer c : done) {
                try {
                    engine.unpause(c.id());
                } catch (RuntimeException e) {
                    say.accept("could not unpause " + c.name() + ": run 'docker unpause " + c.name() + "'");
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** The running containers that mount a planned volume or own a planned container path. */
    private static List<EngineContainer> writers(Request req) {
        Set<String> names = new LinkedHashSet<>();
        req.volumes().forEach(v -> names.add(v.volume()));
        Set<String> ids = new LinkedHashSet<>();
        req.containerData().forEach(d -> ids.add(d.containerId()));
        return req.containers().stream().filter(c -> c.running() && (ids.contains(c.id())
                || c.mounts().stream().anyMatch(mt -> names.contains(mt.name())))).toList();
    }

    private void stopAll(List<EngineContainer> writers) {
        if (writers.isEmpty()) {
            return;
        }
        say.accept("stopping " + String.join(", ", writers.stream().map(EngineContainer::name).toList())
                + " for a consistent copy (the call stops them anyway)");
        for (EngineContainer c : writers) {
            engine.stop(c.id());
            stopped.add(c);
        }
    }

    /** After a failed backup: what this runner stopped runs again (nothing was deleted, nothing stays down). */
    private void restartStopped() {
        for (EngineContainer c : stopped) {
            try {
                engine.start(c.id());
                say.accept("started " + c.name() + " again");
            } catch (RuntimeException e) {
                say.accept("could not start " + c.name() + " again: run 'docker start " + c.name() + "'");
            }
        }
        stopped.clear();
    }

    /** Volumes no running container mounts: their entry count can be checked against a second read. */
    private static Set<String> quiescentVolumes(Request req) {
        Set<String> out = new LinkedHashSet<>();
        for (PlanEntry v : req.volumes()) {
            boolean live = req.containers().stream().anyMatch(c -> c.running()
                    && c.mounts().stream().anyMatch(mt -> v.volume().equals(mt.name())));
            if (!live) {
                out.add(v.volume());
            }
        }
        return out;
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

    private static void createRoot(Path root) throws IOException {
        BackupDirTrust.ensure(root);
        if (!Files.isWritable(root)) {
            throw new java.nio.file.AccessDeniedException(root.toString(), null, "backup directory is not writable");
        }
    }

    private static void checkSpace(Path root, long estimate) throws IOException {
        FileStore fs = Files.getFileStore(root);
        long free = fs.getUsableSpace();
        if (free < estimate + MARGIN) {
            throw new IOException("not enough free space in " + root + ": " + Sizes.human(free) + " free, "
                    + Sizes.human(estimate) + " needed");
        }
    }

    private static String uniqueId(Path root, String project, Instant now) {
        String base = safe(project) + "-" + ID_TIME.format(now);
        String id = base;
        for (int i = 2; Files.exists(root.resolve(id)); i++) {
            id = base + "-" + i;
        }
        return id;
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

    private Manifest.VolumeArchive archiveVolume(Path work, PlanEntry v, List<EngineContainer> containers)
            throws IOException {
        List<String> carriers = new ArrayList<>();
        for (EngineContainer c : containers) {
            if (c.mounts().stream().anyMatch(m -> v.volume().equals(m.name()))) {
                carriers.add(c.imageId());
            }
        }
        containers.forEach(c -> carriers.add(c.imageId()));
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.name = v.volume();
        a.driver = v.driver();
        a.labels.putAll(Redact.fromEnvFiles(new java.util.TreeMap<>(v.labels()), envFileValues));
        a.services.addAll(v.services());
        a.engineSizeBytes = v.sizeBytes();
        a.driverOpts.putAll(Redact.fromEnvFiles(driverOpts(v.volume()), envFileValues));
        a.archive = "volumes/" + safe(v.volume()) + compression.extension();
        VolumeTar t = tar(carriers);
        a.reader = t.image() != null ? Manifest.READER_GNU_TAR : Manifest.READER_ENGINE;
        a.tarImage = t.image();
        try (InputStream in = t.image() != null ? t.read(v.volume()) : engine.readVolume(v.volume(),
                engine.carrierImage(carriers))) {
            writeArchive(work.resolve(a.archive), in, a, v.volume(), v.sizeBytes());
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
        }
        return tar;
    }

    private java.util.Map<String, String> driverOpts(String volume) {
        if (engine instanceof dev.composeguard.engine.DockerJavaEngine d) {
            return new java.util.TreeMap<>(d.volumeOptions(volume));
        }
        return java.util.Map.of();
    }

    private Manifest.VolumeArchive archiveContainerPath(Path work, ContainerData d) throws IOException {
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.container = d.container();
        a.path = d.path();
        a.services.add(d.service());
        a.archive = "volumes/container-" + safe(d.container()) + safe(d.path().replace('/', '_'))
                + compression.extension();
        a.reader = Manifest.READER_ENGINE;
        try (InputStream in = engine.readContainerPath(d.containerId(), d.path())) {
            writeArchive(work.resolve(a.archive), in, a, d.container() + ":" + d.path(), -1);
        }
        return a;
    }

    private void writeArchive(Path target, InputStream in, Manifest.VolumeArchive a, String label, long expected)
            throws IOException {
        try (AtomicFile f = AtomicFile.create(target); Progress.Step step = progress.step("backing up " + label, expected)) {
            TarStats stats;
            a.format = compression.extension().substring(1);
            // Closing the compressor finishes it; the AtomicFile's own stream ignores close (commit/abort end it).
            try (OutputStream z = compression.compress(f.stream())) {
                stats = TarStats.copy(in, z, step::done);
            }
            a.sha256 = f.commit();
            a.archiveBytes = f.bytes();
            a.entries = stats.entries();
            a.contentBytes = stats.contentBytes();
        }
    }

    /** gzip at the given level (1 = fastest: a human may be waiting at 3 a.m.; 6 = gzip's default). */
    static GZIPOutputStream gzip(OutputStream out, int level) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        };
    }

    private Manifest.Dump dump(Path work, EngineContainer c) throws IOException {
        DumpRecipe r = DumpRecipe.forImage(c.image());
        Manifest.Dump d = new Manifest.Dump();
        d.service = c.service();
        d.container = c.name();
        d.kind = r.kind();
        d.tool = r.tool();
        d.file = "dumps/" + safe(c.service() != null ? c.service() : c.name()) + r.extension();
        Path target = work.resolve(d.file);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Head head = new Head();
        int code;
        try (AtomicFile f = AtomicFile.create(target); Progress.Step step = progress.step("dumping " + c.name(), -1)) {
            OutputStream sink = r.gzip() ? gzip(f.stream(), gzipLevel) : f.stream();
            OutputStream tap = new java.io.FilterOutputStream(sink) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    sink.write(b, off, len);
                    head.add(b, off, len);
                    step.done(head.total);
                }

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }
            };
            code = engine.exec(c.id(), null, r.command(), tap, err);
            if (sink instanceof GZIPOutputStream gz) {
                gz.close(); // finishes the gzip trailer; the AtomicFile stream ignores close
            }
            if (code != 0) {
                throw new IOException(r.tool() + " in " + c.name() + " exited with " + code + lastLine(err, c));
            }
            String bad = r.check(head.head(), head.tail(), head.total);
            if (bad != null) {
                throw new IOException(r.tool() + " in " + c.name() + ": " + bad + lastLine(err, c));
            }
            d.sha256 = f.commit();
            d.bytes = f.bytes();
        }
        return d;
    }

    /** The tool's last stderr line, with every value of the container's environment blanked out. */
    static String lastLine(ByteArrayOutputStream err, EngineContainer c) {
        String s = err.toString(java.nio.charset.StandardCharsets.UTF_8).trim();
        if (s.isEmpty()) {
            return "";
        }
        int nl = s.lastIndexOf('\n');
        String line = nl >= 0 ? s.substring(nl + 1) : s;
        line = Redact.values(line, c.env());
        return line.length() > 200 ? " (" + line.substring(0, 200) + "…)" : " (" + line + ")";
    }

    /** The first and last bytes of a dump (for its completeness check). */
    private static final class Head {
        private final byte[] head = new byte[16];
        private final byte[] tail = new byte[512];
        private int headLen;
        private int tailLen;
        long total;

        void add(byte[] b, int off, int len) {
            total += len;
            for (int i = 0; i < len && headLen < head.length; i++) {
                head[headLen++] = b[off + i];
            }
            if (len >= tail.length) {
                System.arraycopy(b, off + len - tail.length, tail, 0, tail.length);
                tailLen = tail.length;
            } else {
                int keep = Math.min(tailLen, tail.length - len);
                System.arraycopy(tail, tailLen - keep, tail, 0, keep);
                System.arraycopy(b, off, tail, keep, len);
                tailLen = keep + len;
            }
        }

        byte[] head() {
            return java.util.Arrays.copyOf(head, headLen);
        }

        byte[] tail() {
            return java.util.Arrays.copyOf(tail, tailLen);
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
