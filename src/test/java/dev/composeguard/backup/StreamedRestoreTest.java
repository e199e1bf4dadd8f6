package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineVolume;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore into a new volume in one pass (issue 17): the archive is verified while the engine extracts it, every entry
 * checked before it is passed on; anything wrong removes the new volume. A volume that exists is still verified
 * before it is touched.
 */
class StreamedRestoreTest {
    @TempDir
    Path dir;

    /** The tar made of {@code names} (files hold "precious"; names ending in / are directories). */
    static byte[] tar(String... names) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(buf)) {
            t.putArchiveEntry(new TarArchiveEntry("./"));
            t.closeArchiveEntry();
            for (String n : names) {
                TarArchiveEntry e = new TarArchiveEntry(n);
                byte[] data = n.endsWith("/") ? new byte[0] : ("precious " + n).getBytes(StandardCharsets.UTF_8);
                e.setSize(data.length);
                t.putArchiveEntry(e);
                t.write(data);
                t.closeArchiveEntry();
            }
        }
        return buf.toByteArray();
    }

    /** A backup of one volume holding {@code tar}, with a manifest counted from {@code countedFrom}. */
    BackupStore.StoredBackup backup(byte[] tar, byte[] countedFrom) throws IOException {
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(b.resolve("volumes"));
        Path archive = b.resolve("volumes/v.tar.zst");
        try (var z = Compression.fromEnv("zstd", null).compress(Files.newOutputStream(archive))) {
            z.write(tar);
        }
        Path counted = b.resolve("volumes/counted.tar.zst");
        try (var z = Compression.fromEnv("zstd", null).compress(Files.newOutputStream(counted))) {
            z.write(countedFrom);
        }
        Verifier.Checked c = Verifier.readArchive(counted);
        Manifest m = new Manifest();
        m.id = "b";
        m.project = "shop";
        m.verified = true;
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.name = "shop_data";
        a.archive = "volumes/v.tar.zst";
        a.sha256 = Verifier.readArchive(archive).sha256();
        a.archiveBytes = Files.size(archive);
        a.entries = c.stats().entries();
        a.contentBytes = c.stats().contentBytes();
        m.volumes.add(a);
        return new BackupStore.StoredBackup(b, m);
    }

    /** An engine without the target volume that keeps what it is asked to extract. */
    static EngineClient engine(ByteArrayOutputStream extracted, byte[] volumeAfter) {
        EngineClient engine = mock(EngineClient.class);
        when(engine.volume(anyString())).thenReturn(Optional.empty());
        when(engine.carrierImage(any())).thenReturn("carrier");
        doAnswer(inv -> {
            InputStream in = inv.getArgument(2);
            in.transferTo(extracted);
            return null;
        }).when(engine).writeVolume(eq("shop_data"), eq("carrier"), any());
        when(engine.readVolume(eq("shop_data"), anyString())).thenAnswer(inv -> new ByteArrayInputStream(volumeAfter));
        return engine;
    }

    @Test
    void aGoodArchiveIsExtractedInOneReadAndRecounted() throws IOException {
        byte[] tar = tar("./a", "./sub/", "./sub/b");
        BackupStore.StoredBackup b = backup(tar, tar);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        EngineClient engine = engine(got, tar);
        Restorer r = new Restorer(engine, s -> { });
        Restorer.Step step = r.look(b, b.manifest().volumes.get(0), null);
        assertFalse(step.verified());
        r.restore(b, step, false);
        assertArrayEquals(tar, got.toByteArray()); // byte for byte, end-of-archive blocks included
        verify(engine).createVolume(eq("shop_data"), any(), anyMap(), anyMap());
        verify(engine, never()).removeVolume(anyString());
    }

    @Test
    void anUnsafeEntryNeverReachesTheEngineAndTheNewVolumeIsRemoved() throws IOException {
        byte[] tar = tar("./a", "./../escape", "./b");
        BackupStore.StoredBackup b = backup(tar, tar);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        EngineClient engine = engine(got, tar);
        Restorer r = new Restorer(engine, s -> { });
        Restorer.Step step = r.look(b, b.manifest().volumes.get(0), null);
        GuardException e = assertThrows(GuardException.class, () -> r.restore(b, step, false));
        assertEquals(ExitCodes.BACKUP_FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("path with ..") && e.getMessage().contains("removed again"), e.getMessage());
        verify(engine).removeVolume("shop_data");
        String passed = got.toString(StandardCharsets.ISO_8859_1);
        assertTrue(passed.contains("precious ./a"), "the entries before it went through");
        assertFalse(passed.contains("escape"), "the unsafe header was never passed on");
    }

    @Test
    void anArchiveThatDisagreesWithItsManifestRemovesTheNewVolume() throws IOException {
        byte[] tar = tar("./a", "./b");
        BackupStore.StoredBackup b = backup(tar, tar("./a", "./b", "./c"));
        EngineClient engine = engine(new ByteArrayOutputStream(), tar);
        Restorer r = new Restorer(engine, s -> { });
        Restorer.Step step = r.look(b, b.manifest().volumes.get(0), null);
        GuardException e = assertThrows(GuardException.class, () -> r.restore(b, step, false));
        assertTrue(e.getMessage().contains("entry count differs"), e.getMessage());
        verify(engine).removeVolume("shop_data");

        b.manifest().volumes.get(0).sha256 = "0".repeat(64);
        EngineClient engine2 = engine(new ByteArrayOutputStream(), tar);
        Restorer r2 = new Restorer(engine2, s -> { });
        GuardException e2 = assertThrows(GuardException.class,
                () -> r2.restore(b, r2.look(b, b.manifest().volumes.get(0), null), false));
        assertTrue(e2.getMessage().contains("checksum mismatch"), e2.getMessage());
        verify(engine2).removeVolume("shop_data");
    }

    @Test
    void aVolumeThatExistsIsVerifiedBeforeItIsTouched() throws IOException {
        byte[] tar = tar("./a");
        BackupStore.StoredBackup b = backup(tar, tar);
        b.manifest().volumes.get(0).sha256 = "0".repeat(64);
        EngineClient engine = engine(new ByteArrayOutputStream(), tar);
        when(engine.volume("shop_data")).thenReturn(Optional.of(new EngineVolume("shop_data", "local", Map.of(), null)));
        Restorer r = new Restorer(engine, s -> { });
        GuardException e = assertThrows(GuardException.class, () -> r.look(b, b.manifest().volumes.get(0), null));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains("nothing was restored"));
        verify(engine, never()).removeVolume(anyString());
        verify(engine, never()).createVolume(anyString(), any(), anyMap(), anyMap());
        verify(engine, never()).writeVolume(anyString(), anyString(), any());
    }

    @Test
    void theWalkCountsAsATarDoes() throws IOException {
        Path v = Files.createDirectories(dir.resolve("v"));
        Files.writeString(v.resolve("a"), "12345");
        Files.createLink(v.resolve("hard"), v.resolve("a"));
        Files.createDirectories(v.resolve("d/e"));
        Files.createSymbolicLink(v.resolve("d/l"), Path.of("../a"));
        Files.writeString(v.resolve("d/e/f"), "123");
        // a, hard, d, d/e, d/l, d/e/f; the linked file's bytes once
        assertEquals(new Recount.Walked(6, 8), Recount.walk(v));
        EngineClient engine = mock(EngineClient.class);
        when(engine.localMountpoint("vol")).thenReturn(Optional.of(v));
        assertEquals(6, Recount.entries(engine, null, "vol", 6, 8));
        // a walk that disagrees is not trusted: the slow count decides
        when(engine.carrierImage(List.of())).thenReturn("carrier");
        when(engine.readVolume("vol", "carrier")).thenAnswer(inv -> new ByteArrayInputStream(tar("./x")));
        assertEquals(1, Recount.entries(engine, null, "vol", 7, 8));
    }
}
