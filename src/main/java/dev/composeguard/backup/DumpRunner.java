package dev.composeguard.backup;

import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The logical dump of one running database container into a backup: its own dump tool run with {@code docker exec},
 * streamed (gzip'd when the recipe says so) into an {@link AtomicFile}, then checked for completeness by its first and
 * last bytes (a dump cut short by the tool fails the backup).
 */
final class DumpRunner {
    private final EngineClient engine;
    private final Progress progress;
    private final int gzipLevel;

    DumpRunner(EngineClient engine, Progress progress, int gzipLevel) {
        this.engine = engine;
        this.progress = progress;
        this.gzipLevel = gzipLevel;
    }

    /** gzip at the given level (1 = fastest: a human may be waiting at 3 a.m.; 6 = gzip's default). */
    static GZIPOutputStream gzip(OutputStream out, int level) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        };
    }

    Manifest.Dump dump(Path work, EngineContainer c) throws IOException {
        DumpRecipe r = DumpRecipe.forImage(c.image());
        Manifest.Dump d = new Manifest.Dump();
        d.service = c.service();
        d.container = c.name();
        d.kind = r.kind();
        d.tool = r.tool();
        d.file = "dumps/" + BackupRunner.safe(c.service() != null ? c.service() : c.name()) + r.extension();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Head head = new Head();
        try (AtomicFile f = AtomicFile.create(work.resolve(d.file));
                Progress.Step step = progress.step("dumping " + c.name(), -1)) {
            OutputStream sink = r.gzip() ? gzip(f.stream(), gzipLevel) : f.stream();
            int code = engine.exec(c.id(), null, r.command(), tap(sink, head, step), err);
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

    /** {@code sink}, keeping the first and last bytes in {@code head} and reporting the total to {@code step}. */
    private static OutputStream tap(OutputStream sink, Head head, Progress.Step step) {
        return new FilterOutputStream(sink) {
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
}
