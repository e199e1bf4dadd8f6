package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore safety (issue 7): hostile archives and manifests are rejected by {@link Restorer#prepare} before anything is
 * written; the engine is not even asked (no volume created, no helper, no read).
 */
class RestoreSafetyTest {
    @TempDir
    Path dir;
    static int cases;

    static TarArchiveEntry file(String name) {
        return new TarArchiveEntry(name);
    }

    static TarArchiveEntry link(String name, String target, byte type) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setLinkName(target);
        return e;
    }

    /** A backup directory holding one volume archive made of {@code entries}, with a manifest that matches it. */
    BackupStore.StoredBackup backup(Consumer<Manifest.VolumeArchive> tamper, TarArchiveEntry... entries) throws IOException {
        return backup(Compression.fromEnv("gzip", null), tamper, entries);
    }

    BackupStore.StoredBackup backup(Compression z, Consumer<Manifest.VolumeArchive> tamper, TarArchiveEntry... entries)
            throws IOException {
        Path b = Files.createDirectories(dir.resolve("b-" + cases++));
        Files.createDirectories(b.resolve("volumes"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(z.compress(buf))) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.putArchiveEntry(new TarArchiveEntry("./"));
            t.closeArchiveEntry();
            for (TarArchiveEntry e : entries) {
                byte[] data = e.isFile() ? "precious".getBytes() : new byte[0];
                if (e.isFile()) {
                    e.setSize(data.length);
                }
                t.putArchiveEntry(e);
                t.write(data);
                t.closeArchiveEntry();
            }
        }
        Path archive = b.resolve("volumes/v.tar.gz");
        Files.write(archive, buf.toByteArray());
        Verifier.Checked c = Verifier.readArchive(archive);
        Manifest m = new Manifest();
        m.id = b.getFileName().toString();
        m.project = "shop";
        m.verified = true;
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.name = "shop_data";
        a.archive = "volumes/v.tar.gz";
        a.sha256 = c.sha256();
        a.entries = c.stats().entries();
        a.contentBytes = c.stats().contentBytes();
        tamper.accept(a);
        m.volumes.add(a);
        return new BackupStore.StoredBackup(b, m);
    }

    void rejected(String why, Consumer<Manifest.VolumeArchive> tamper, TarArchiveEntry... entries) throws IOException {
        BackupStore.StoredBackup b = backup(tamper, entries);
        EngineClient engine = mock(EngineClient.class);
        GuardException e = assertThrows(GuardException.class,
                () -> new Restorer(engine, s -> { }).prepare(b, b.manifest().volumes.get(0), null), why);
        assertEquals(ExitCodes.BACKUP_FAILED, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains(why) && e.getMessage().contains("nothing was restored"), e.getMessage());
        verifyNoInteractions(engine); // rejected before the engine is asked anything: nothing written
    }

    void unsafe(String why, TarArchiveEntry... entries) throws IOException {
        rejected(why, a -> { }, entries);
    }

    @Test
    void anOrdinaryArchiveIsAccepted() throws IOException {
        BackupStore.StoredBackup b = backup(a -> { }, file("./a"), new TarArchiveEntry("./sub/"),
                link("./sub/up", "../a", TarArchiveEntry.LF_SYMLINK), link("./cur", "a", TarArchiveEntry.LF_SYMLINK),
                link("./hard", "./a", TarArchiveEntry.LF_LINK), link("./s", "sub", TarArchiveEntry.LF_SYMLINK),
                link("./t", "s/up", TarArchiveEntry.LF_SYMLINK));
        EngineClient engine = mock(EngineClient.class);
        when(engine.volume(anyString())).thenReturn(Optional.empty());
        Restorer.Step s = new Restorer(engine, x -> { }).prepare(b, b.manifest().volumes.get(0), null);
        assertEquals("shop_data", s.target());
    }

    @Test
    void pathsLeavingTheVolumeAreRejected() throws IOException {
        unsafe("path with ..", file("./../escape"));
        unsafe("path with ..", file("sub/../../escape"));
        unsafe("absolute path", new TarArchiveEntry("/etc/cron.d/evil", true));
    }

    @Test
    void devicesAreRejected() throws IOException {
        unsafe("device", new TarArchiveEntry("./sda", TarArchiveEntry.LF_BLK));
        unsafe("device", new TarArchiveEntry("./tty", TarArchiveEntry.LF_CHR));
    }

    /** Every kind of entry the guard archives comes back (issue 10.7): one archive per kind, gzip and zstd. */
    @Test
    void everyKindTheGuardArchivesIsAccepted() throws IOException {
        TarArchiveEntry setuid = file("./suid");
        setuid.setMode(0104755);
        TarArchiveEntry[][] kinds = {
            {file("./a")},
            {new TarArchiveEntry("./dir/")},
            {new TarArchiveEntry("./empty/"), new TarArchiveEntry("./empty/deeper/")},
            {link("./s", "a", TarArchiveEntry.LF_SYMLINK), file("./a")},
            {link("./dangling", "missing", TarArchiveEntry.LF_SYMLINK)},
            {file("./a"), link("./h", "./a", TarArchiveEntry.LF_LINK)},
            {new TarArchiveEntry("./ctl.fifo", TarArchiveEntry.LF_FIFO)},
            {setuid},
        };
        for (String z : new String[] {"gzip", "zstd"}) {
            for (TarArchiveEntry[] kind : kinds) {
                BackupStore.StoredBackup b = backup(Compression.fromEnv(z, null), a -> { }, kind);
                EngineClient engine = mock(EngineClient.class);
                when(engine.volume(anyString())).thenReturn(Optional.empty());
                Restorer.Step s = new Restorer(engine, x -> { }).prepare(b, b.manifest().volumes.get(0), null);
                assertEquals(kind.length, s.archive().entries, z + " " + kind[0].getName());
            }
        }
    }

    @Test
    void linksOutOfTheTreeAreRejected() throws IOException {
        unsafe("escaping", file("./a"), link("./h", "../outside", TarArchiveEntry.LF_LINK));
        unsafe("absolute", link("./h", "/etc/shadow", TarArchiveEntry.LF_LINK));
        unsafe("absolute", link("./l", "/etc", TarArchiveEntry.LF_SYMLINK));
        unsafe("escaping", link("./sub/l", "../../etc", TarArchiveEntry.LF_SYMLINK));
    }

    @Test
    void linksThatLeaveTheTreeThroughAnotherLinkAreRejected() throws IOException {
        // each one alone stays inside; together t points at the volume's parent
        unsafe("through another link", link("./s", ".", TarArchiveEntry.LF_SYMLINK),
                link("./t", "s/..", TarArchiveEntry.LF_SYMLINK));
        // the same, with the links in the other order and a file written through the escaping one
        unsafe("through another link", link("./t", "d/s/../..", TarArchiveEntry.LF_SYMLINK),
                new TarArchiveEntry("./d/"), link("./d/s", "..", TarArchiveEntry.LF_SYMLINK));
        // a hard link through a symbolic link that leaves
        unsafe("through another link", link("./s", ".", TarArchiveEntry.LF_SYMLINK),
                link("./h", "s/../x", TarArchiveEntry.LF_LINK));
        unsafe("too many levels", link("./a", "b", TarArchiveEntry.LF_SYMLINK), link("./b", "a", TarArchiveEntry.LF_SYMLINK));
    }

    @Test
    void manifestsThatDoNotMatchTheArchiveAreRejected() throws IOException {
        rejected("checksum mismatch", a -> a.sha256 = "0".repeat(64), file("./a"));
        rejected("entry count differs", a -> a.entries++, file("./a"));
        rejected("entry count differs", a -> a.contentBytes--, file("./a"));
        rejected("outside the backup", a -> a.archive = "../../../etc/passwd", file("./a"));
        rejected("outside the backup", a -> a.archive = "/etc/passwd", file("./a"));
    }

    @Test
    void aTamperedArchiveIsRejected() throws IOException {
        BackupStore.StoredBackup b = backup(a -> { }, file("./a"));
        Path f = b.dir().resolve("volumes/v.tar.gz");
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(f, bytes);
        EngineClient engine = mock(EngineClient.class);
        GuardException e = assertThrows(GuardException.class,
                () -> new Restorer(engine, s -> { }).prepare(b, b.manifest().volumes.get(0), null));
        assertEquals(ExitCodes.BACKUP_FAILED, e.exitCode());
        verifyNoInteractions(engine);
        List<String> none = new ArrayList<>();
        assertEquals(List.of(), none);
    }
}
