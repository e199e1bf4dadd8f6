package dev.composeguard.backup;

import dev.composeguard.engine.EngineClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /**
     * @param dir             the backup directory
     * @param m               its manifest
     * @param recountVolumes  volumes to recount through the engine (null engine or empty set: none)
     * @param engine          the engine, or null (offline verification)
     */
    public static Result verify(Path dir, Manifest m, Set<String> recountVolumes, EngineClient engine) {
        return verify(dir, m, recountVolumes, engine, (Counter) null, Progress.NONE);
    }

    /** Counts the entries of a volume (e.g. {@link VolumeTar#count}); null: a full read through the engine. */
    public interface Counter {
        long entries(String volume) throws IOException;
    }

    /** As above; {@code counter} (may be null) recounts the volumes instead of a second full read. */
    public static Result verify(Path dir, Manifest m, Set<String> recountVolumes, EngineClient engine,
            Counter counter) {
        return verify(dir, m, recountVolumes, engine, counter, Progress.NONE);
    }

    /** As above, reporting each archive read to {@code progress}. */
    public static Result verify(Path dir, Manifest m, Set<String> recountVolumes, EngineClient engine,
            Progress progress) {
        return verify(dir, m, recountVolumes, engine, (Counter) null, progress);
    }

    /** As above, with both a counter (may be null) and where each archive read is reported. */
    public static Result verify(Path dir, Manifest m, Set<String> recountVolumes, EngineClient engine,
            Counter counter, Progress progress) {
        List<String> problems = new ArrayList<>();
        for (Manifest.VolumeArchive a : m.volumes) {
            String what = a.name != null ? "volume " + a.name : "container " + a.container + ":" + a.path;
            try (Progress.Step step = progress.step("verifying " + what, a.archiveBytes)) {
                Path f = inside(dir, a.archive);
                Checked c = readArchive(f, step);
                if (!c.sha256.equals(a.sha256)) {
                    problems.add(what + ": checksum mismatch (" + a.archive + ")");
                    continue;
                }
                if (c.fileBytes != a.archiveBytes) {
                    problems.add(what + ": archive size " + c.fileBytes + " != " + a.archiveBytes);
                    continue;
                }
                if (c.stats.entries() != a.entries || c.stats.contentBytes() != a.contentBytes) {
                    problems.add(what + ": archive holds " + c.stats.entries() + " entries / " + c.stats.contentBytes()
                            + " bytes, expected " + a.entries + " / " + a.contentBytes);
                    continue;
                }
                if (a.engineSizeBytes > 0 && a.entries == 0) {
                    problems.add(what + ": empty archive for a non-empty volume (" + Sizes.human(a.engineSizeBytes) + ")");
                    continue;
                }
                if (engine != null && a.name != null && recountVolumes != null && recountVolumes.contains(a.name)) {
                    long live = counter != null ? counter.entries(a.name) : engineCount(engine, a.name);
                    if (live != a.entries) {
                        problems.add(what + ": the volume has " + live + " entries, the archive " + a.entries);
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add(what + ": " + BackupRunner.reason(e));
            }
        }
        for (Manifest.Dump d : m.dumps) {
            try {
                Path f = inside(dir, d.file);
                String sha;
                long size;
                try (InputStream in = Files.newInputStream(f)) {
                    MessageDigest md = sha256();
                    DigestInputStream din = new DigestInputStream(new BufferedInputStream(in, 64 * 1024), md);
                    size = din.transferTo(java.io.OutputStream.nullOutputStream());
                    sha = HexFormat.of().formatHex(md.digest());
                }
                if (!sha.equals(d.sha256) || size != d.bytes) {
                    problems.add("dump of " + d.container + ": checksum or size mismatch (" + d.file + ")");
                    continue;
                }
                if (d.file.endsWith(".sql.gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 64 * 1024)) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                }
                if (size == 0) {
                    problems.add("dump of " + d.container + ": empty");
                }
            } catch (IOException | RuntimeException e) {
                problems.add("dump of " + d.container + ": " + BackupRunner.reason(e));
            }
        }
        return new Result(problems);
    }

    static long engineCount(EngineClient engine, String volume) throws IOException {
        try (InputStream in = engine.readVolume(volume, engine.carrierImage(List.of()))) {
            return TarStats.count(in).entries();
        }
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
        MessageDigest md = sha256();
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
            return new Checked(HexFormat.of().formatHex(md.digest()), counted.count, stats, problems);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingIn extends ReadThroughInputStream {
        long count;

        CountingIn(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
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
