package dev.composeguard.backup;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * How a volume archive is compressed: {@code zstd} (the default since format 2: multi-threaded, level 1-3; what
 * {@code zstd -d} and {@code tar --zstd} read) or {@code gzip} (every backup taken before, and
 * {@code COMPOSE_GUARD_COMPRESSION=gzip}). Readers tell the two apart by their magic bytes, so a manifest without a
 * {@code compression} field (older backups) still reads.
 */
public record Compression(String name, int level, int workers) {
    public static final String ZSTD = "zstd";
    public static final String GZIP = "gzip";

    /** From {@code COMPOSE_GUARD_COMPRESSION} ({@code zstd}, {@code zstd:3}, {@code gzip}, {@code gzip:6}). */
    public static Compression fromEnv(String spec, String gzipLevel) {
        String s = spec == null || spec.isBlank() ? ZSTD : spec.trim().toLowerCase(java.util.Locale.ROOT);
        String name = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        String lvl = s.contains(":") ? s.substring(s.indexOf(':') + 1) : null;
        if (name.equals(GZIP)) {
            return new Compression(GZIP, level(lvl != null ? lvl : gzipLevel, 1, 9, 1), 1);
        }
        // Two workers on a 2-core machine keep the compressor ahead of the engine's stream; more only on more cores.
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new Compression(ZSTD, level(lvl, 1, 19, 1), workers);
    }

    private static int level(String s, int min, int max, int dflt) {
        try {
            int l = s == null ? dflt : Integer.parseInt(s.trim());
            return l >= min && l <= max ? l : dflt;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** The archive's file name suffix. */
    public String extension() {
        return name.equals(ZSTD) ? ".tar.zst" : ".tar.gz";
    }

    /** A compressing stream over {@code out}; closing it finishes the frame and closes {@code out}. */
    public OutputStream compress(OutputStream out) throws IOException {
        if (name.equals(GZIP)) {
            return DumpRunner.gzip(out, level);
        }
        ZstdOutputStream z = new ZstdOutputStream(out, level);
        if (workers > 1) {
            z.setWorkers(workers);
        }
        z.setChecksum(true); // the frame's content checksum: `zstd -t` and every reader check it
        return z;
    }

    /** Decompresses a file of either kind (by its magic bytes). */
    public static InputStream decompress(Path file) throws IOException {
        return decompress(Files.newInputStream(file));
    }

    /** Decompresses a stream of either kind (by its magic bytes); anything else is an error. */
    public static InputStream decompress(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 256 * 1024);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, 64 * 1024);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return new ZstdInputStream(in); // a truncated frame is an error, the content checksum is checked

        }
        in.close();
        throw new IOException("not a gzip or zstd archive");
    }
}
