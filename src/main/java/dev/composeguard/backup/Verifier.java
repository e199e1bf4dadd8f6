package dev.composeguard.backup;

import dev.composeguard.core.Timings;
import dev.composeguard.core.Hashing;
import dev.composeguard.engine.EngineClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Verifies a backup end to end: every file is re-read from disk, its SHA-256 and size compared with the manifest,
 * every archive decompressed (gzip CRC or zstd content checksum) and walked as tar, its entry and byte counts compared with those counted when
 * it was taken; a non-empty volume never has an empty archive; and, for volumes no running container writes to, the
 * entry count is compared with a fresh count of the volume (GNU tar's metadata-only walk, else a read through the
 * engine).
 */
public final class Verifier {
    private Verifier() {
    }

    /** The outcome: problems (one line each), empty when the backup is good. */
    public record Result(List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Counts the entries of a volume (e.g. {@link VolumeTar#count}); null: a full read through the engine. */
    public interface Counter {
        long entries(String volume) throws IOException;
    }

    /**
     * How to verify.
     *
     * @param recountVolumes volumes to count again and compare (empty: none)
     * @param engine         the engine, or null (offline verification: no recount)
     * @param counter        recounts the volumes the walk cannot count (null: a full read through the engine)
     * @param progress       where each archive read is reported
     */
    public record Options(Set<String> recountVolumes, EngineClient engine, Counter counter, Progress progress) {
        /** Files only: checksums, sizes, decompression, tar counts; no engine. */
        public static final Options OFFLINE = new Options(Set.of(), null, null, Progress.NONE);

        public Options {
            recountVolumes = recountVolumes == null ? Set.of() : Set.copyOf(recountVolumes);
            progress = progress == null ? Progress.NONE : progress;
        }

        boolean recounts(String volume) {
            return engine != null && volume != null && recountVolumes.contains(volume);
        }
    }

    /** Verifies the backup in {@code dir} against its manifest {@code m}. */
    public static Result verify(Path dir, Manifest m, Options o) {
        List<String> problems = new ArrayList<>();
        for (Manifest.VolumeArchive a : m.volumes) {
            String what = a.name != null ? "volume " + a.name : "container " + a.container + ":" + a.path;
            try (Progress.Step step = o.progress().step("verifying " + what, a.archiveBytes)) {
                String bad = archiveProblem(dir, a, o, step);
                if (bad != null) {
                    problems.add(what + ": " + bad);
                }
            } catch (IOException | RuntimeException e) {
                problems.add(what + ": " + BackupRunner.reason(e));
            }
        }
        for (Manifest.Dump d : m.dumps) {
            try {
                String bad = dumpProblem(dir, d);
                if (bad != null) {
                    problems.add("dump of " + d.container + ": " + bad);
                }
            } catch (IOException | RuntimeException e) {
                problems.add("dump of " + d.container + ": " + BackupRunner.reason(e));
            }
        }
        return new Result(problems);
    }

    /** One volume archive re-read from disk (and its volume recounted when asked); null when it is good. */
    private static String archiveProblem(Path dir, Manifest.VolumeArchive a, Options o, Progress.Step step)
            throws IOException {
        Checked c = readArchive(inside(dir, a.archive), step);
        Timings.mark("verify: re-read, hash, decompress, tar walk");
        if (!c.sha256.equals(a.sha256)) {
            return "checksum mismatch (" + a.archive + ")";
        }
        if (c.fileBytes != a.archiveBytes) {
            return "archive size " + c.fileBytes + " != " + a.archiveBytes;
        }
        if (c.stats.entries() != a.entries || c.stats.contentBytes() != a.contentBytes) {
            return "archive holds " + c.stats.entries() + " entries / " + c.stats.contentBytes() + " bytes, expected "
                    + a.entries + " / " + a.contentBytes;
        }
        if (a.engineSizeBytes > 0 && a.entries == 0) {
            return "empty archive for a non-empty volume (" + Sizes.human(a.engineSizeBytes) + ")";
        }
        if (o.recounts(a.name)) {
            long live = Recount.entries(o.engine(), o.counter(), a.name, a.entries, a.contentBytes);
            Timings.mark("verify: recount");
            if (live != a.entries) {
                return "the volume has " + live + " entries, the archive " + a.entries;
            }
        }
        return null;
    }

    /** One dump re-read from disk: SHA-256, size, gzip integrity; null when it is good. */
    private static String dumpProblem(Path dir, Manifest.Dump d) throws IOException {
        Path f = inside(dir, d.file);
        String sha;
        long size;
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = Hashing.sha256();
            DigestInputStream din = new DigestInputStream(new BufferedInputStream(in, 64 * 1024), md);
            size = din.transferTo(java.io.OutputStream.nullOutputStream());
            sha = Hashing.hex(md.digest());
        }
        if (!sha.equals(d.sha256) || size != d.bytes) {
            return "checksum or size mismatch (" + d.file + ")";
        }
        if (d.file.endsWith(".sql.gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 64 * 1024)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        return size == 0 ? "empty" : null;
    }

    /** A path named by a manifest, refused when it would leave the backup directory. */
    static Path inside(Path dir, String rel) throws IOException {
        if (rel == null) {
            throw new IOException("missing file name in manifest");
        }
        Path p = dir.resolve(rel).normalize();
        if (!p.startsWith(dir.normalize()) || Files.isSymbolicLink(p)) {
            throw new IOException("manifest names a file outside the backup: " + rel);
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("missing file " + rel);
        }
        return p;
    }

    /** One read of an archive file: its SHA-256 and size, the tar's counts, and (when asked) its unsafe entries. */
    record Checked(String sha256, long fileBytes, TarStats stats, List<String> problems) {
    }

    static Checked readArchive(Path f) throws IOException {
        return read(f, false, Progress.Step.NONE);
    }

    static Checked readArchive(Path f, Progress.Step step) throws IOException {
        return read(f, false, step);
    }

    /** As {@link #readArchive}, every entry also checked by {@link SafeTar} in the same pass. */
    static Checked readAndCheckArchive(Path f) throws IOException {
        return read(f, true, Progress.Step.NONE);
    }

    private static Checked read(Path f, boolean safety, Progress.Step step) throws IOException {
        MessageDigest md = Hashing.sha256();
        try (InputStream raw = Progress.counting(Files.newInputStream(f), step);
                CountingIn counted = new CountingIn(new DigestInputStream(new BufferedInputStream(raw, 256 * 1024), md));
                InputStream z = Compression.decompress(counted)) {
            TarStats stats;
            List<String> problems = List.of();
            if (safety) {
                CountingIn tar = new CountingIn(z);
                SafeTar.Scan scan = SafeTar.scan(tar);
                tar.transferTo(java.io.OutputStream.nullOutputStream());
                stats = new TarStats(scan.entries(), scan.contentBytes(), tar.count);
                problems = scan.problems();
            } else {
                stats = TarStats.count(z);
            }
            // Anything after the compressed data would be unchecked: read it through the digest too.
            counted.transferTo(java.io.OutputStream.nullOutputStream());
            return new Checked(Hashing.hex(md.digest()), counted.count, stats, problems);
        }
    }

    private static final class CountingIn extends ReadThroughInputStream {
        long count;

        CountingIn(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

    }
}
