package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class SafeTarTest {
    static byte[] tar(TarArchiveEntry... entries) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(buf)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry e : entries) {
                t.putArchiveEntry(e);
                t.closeArchiveEntry();
            }
        }
        return buf.toByteArray();
    }

    static TarArchiveEntry link(String name, String target, byte type) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setLinkName(target);
        return e;
    }

    static List<String> problems(TarArchiveEntry... e) throws IOException {
        return SafeTar.problems(new ByteArrayInputStream(tar(e)));
    }

    @Test
    void acceptsAnOrdinaryVolume() throws IOException {
        assertEquals(List.of(), problems(new TarArchiveEntry("./"), new TarArchiveEntry("./a"),
                new TarArchiveEntry("./sub/"), link("./sub/up", "../a", TarArchiveEntry.LF_SYMLINK),
                link("./cur", "a", TarArchiveEntry.LF_SYMLINK), link("./hard", "./a", TarArchiveEntry.LF_LINK)));
    }

    @Test
    void rejectsEscapes() throws IOException {
        assertTrue(problems(new TarArchiveEntry("/etc/passwd", true)).get(0).contains("absolute"));
        assertTrue(problems(new TarArchiveEntry("./../x")).get(0).contains(".."));
        assertTrue(problems(new TarArchiveEntry("a/../../x")).get(0).contains(".."));
        assertTrue(problems(link("./l", "../../etc", TarArchiveEntry.LF_SYMLINK)).get(0).contains("escaping"));
        assertTrue(problems(link("./sub/l", "../../x", TarArchiveEntry.LF_SYMLINK)).get(0).contains("escaping"));
        assertTrue(problems(link("./l", "/etc/shadow", TarArchiveEntry.LF_SYMLINK)).get(0).contains("absolute"));
        assertTrue(problems(link("./h", "../x", TarArchiveEntry.LF_LINK)).get(0).contains("escaping"));
        assertTrue(problems(new TarArchiveEntry("./dev", TarArchiveEntry.LF_CHR)).get(0).contains("device"));
        assertTrue(problems(new TarArchiveEntry("./blk", TarArchiveEntry.LF_BLK)).get(0).contains("device"));
    }

    @Test
    void acceptsFifos() throws IOException {
        // a FIFO holds no data and leads nowhere; the guard archives them, so restore must take them back
        assertEquals(List.of(), problems(new TarArchiveEntry("./ctl.fifo", TarArchiveEntry.LF_FIFO)));
    }

    @Test
    void retentionKeepsNewestPerDayAndTheNewestOfEveryVolume() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        var b1 = backup("p-1", "2026-11-20T10:00:00Z", "v");
        var b2 = backup("p-2", "2026-11-25T10:00:00Z", "v");
        var b3 = backup("p-3", "2026-11-25T11:00:00Z", "v");
        var b4 = backup("p-4", "2026-11-26T11:30:00Z", "w");
        List<BackupStore.StoredBackup> gone = new Retention(0, 1, 0, 0).prune(List.of(b1, b2, b3, b4), now);
        // keep-daily 1 keeps b4; b3 is the newest backup of volume v
        assertEquals(List.of("p-1", "p-2"), gone.stream().map(BackupStore.StoredBackup::id).toList());
        assertEquals(List.of("p-1"), new Retention(0, 2, 0, 0).prune(List.of(b1, b2, b3, b4), now).stream()
                .map(BackupStore.StoredBackup::id).filter(i -> !i.equals("p-2")).toList());
        assertEquals(List.of(), new Retention(200, 0, 0, 0).prune(List.of(b1, b2, b3, b4), now));
    }

    static BackupStore.StoredBackup backup(String id, String at, String volume) {
        Manifest m = new Manifest();
        m.project = "p";
        m.createdAt = at;
        m.verified = true;
        Manifest.VolumeArchive v = new Manifest.VolumeArchive();
        v.name = volume;
        m.volumes.add(v);
        return new BackupStore.StoredBackup(java.nio.file.Path.of("/b/" + id), m);
    }
}
