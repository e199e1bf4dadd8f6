package dev.composeguard.backup;

import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes a volume exactly, with GNU tar run in a helper container from an image that is already local.
 *
 * <p>Why not the Engine's archive API alone (measured on Engine 20.10, docs/BACKUP.md "Exactness"): its stream holds
 * no extended attribute but {@code security.capability} (no ACLs, no {@code user.*}), whole-second times, sparse
 * files filled in; its extraction ({@code PUT /containers/{id}/archive}) leaves the volume root {@code 0755 root},
 * drops set-uid bits and turns pre-1970 times into 1970. GNU tar with {@code --format=posix --xattrs --acls --sparse}
 * keeps all of it (PAX {@code SCHILY.xattr.*}, sub-second and negative {@code mtime}, sparse maps), and Debian's and
 * Ubuntu's images (the official postgres, mariadb, redis images among them) carry it. Images with only busybox tar do
 * not: then the guard falls back to the Engine's stream and says what such an archive lacks.
 */
public final class VolumeTar {
    /** Where {@link EngineClient#runHelper} mounts the volume. */
    static final String MOUNT = "/compose-guard-volume";
    private static final List<String> CREATE = List.of("tar", "--create", "--format=posix",
            "--pax-option=delete=atime,delete=ctime", "--xattrs", "--xattrs-include=*", "--acls", "--sparse",
            "--numeric-owner", "--file=-", "--directory=" + MOUNT, ".");
    /*
     * The attach API cannot half-close the helper's stdin, and tar reads to EOF: `head -c N` ends the input after the
     * archive's exact length (known from the verification read). "$0" is that number, never shell text.
     */
    private static final String EXTRACT = "head -c \"$0\" | tar --extract --xattrs --xattrs-include='*' --acls"
            + " --numeric-owner --same-owner --same-permissions --file=- --directory=" + MOUNT;

    private final EngineClient engine;
    private final String image;

    private VolumeTar(EngineClient engine, String image) {
        this.engine = engine;
        this.image = image;
    }

    /** The image used, or null: no local image has GNU tar (use the Engine's archive API). */
    public String image() {
        return image;
    }

    /**
     * The first of {@code candidates} (COMPOSE_GUARD_TAR_IMAGE first, then e.g. the services' own images) that exists
     * locally and has GNU tar; at most four are tried (each try starts a container).
     */
    public static VolumeTar find(EngineClient engine, List<String> candidates) {
        Set<String> tried = new LinkedHashSet<>();
        for (String c : candidates) {
            if (c == null || c.isBlank() || !tried.add(c) || tried.size() > 4) {
                continue;
            }
            try {
                if (engine.imageExists(c) && gnuTar(engine, c)) {
                    return new VolumeTar(engine, c);
                }
            } catch (EngineUnavailableException e) {
                // not usable: try the next one
            }
        }
        return new VolumeTar(engine, null);
    }

    private static boolean gnuTar(EngineClient engine, String image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = engine.runHelper(image, null, true, List.of("tar", "--version"), null, out,
                java.io.OutputStream.nullOutputStream());
        return code == 0 && out.toString(StandardCharsets.UTF_8).contains("GNU tar");
    }

    /**
     * The volume as a PAX tar stream produced by GNU tar in a read-only helper; closing the stream removes the helper.
     * A tar exit code of 1 (a file changed while it was read: a live database) is accepted, as with the Engine's
     * stream; 2 (fatal) fails the read at the end of the stream.
     */
    public InputStream read(String volume) {
        ChunkPipe pipe = new ChunkPipe(64);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                int code = engine.runHelper(image, volume, true, CREATE, null, pipe.sink(), err);
                if (code != 0 && code != 1) {
                    pipe.fail(new IOException("tar in " + image + " exited with " + code + lastLine(err)));
                } else {
                    pipe.sink().close();
                }
            } catch (IOException | RuntimeException e) {
                pipe.fail(e instanceof IOException io ? io : new IOException(BackupRunner.reason(e), e));
            }
        }, "compose-guard-tar-read");
        t.setDaemon(true);
        t.start();
        return pipe.source();
    }

    /**
     * Entries below the volume root, counted by a metadata-only walk: GNU tar writing to {@code /dev/null} does not
     * read file contents, so this costs a directory walk instead of a second read of the whole volume.
     */
    public long count(String volume) throws IOException {
        long[] lines = {0};
        java.io.OutputStream newlines = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines[0]++;
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        lines[0]++;
                    }
                }
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // names are printed with GNU tar's default "escape" quoting: a newline in a name is "\n", one line per entry
        int code = engine.runHelper(image, volume, true, List.of("tar", "--create", "--verbose", "--file=/dev/null",
                "--directory=" + MOUNT, "."), null, newlines, err);
        if (code != 0 && code != 1) {
            throw new IOException("tar in " + image + " exited with " + code + lastLine(err));
        }
        return lines[0] - 1; // "./", the root
    }

    /** Extracts {@code tar} ({@code tarBytes} long) into the volume, root entry included. */
    public void extract(String volume, InputStream tar, long tarBytes) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", EXTRACT, Long.toString(tarBytes)));
        int code = engine.runHelper(image, volume, false, cmd, tar, java.io.OutputStream.nullOutputStream(), err);
        if (code != 0) {
            throw new IOException("tar in " + image + " exited with " + code + lastLine(err));
        }
    }

    private static String lastLine(ByteArrayOutputStream err) {
        String s = err.toString(StandardCharsets.UTF_8).trim();
        if (s.isEmpty()) {
            return "";
        }
        String line = s.substring(s.lastIndexOf('\n') + 1);
        return " (" + (line.length() > 200 ? line.substring(0, 200) + "…" : line) + ")";
    }

}
