package dev.composeguard.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStoreTest {
    @TempDir
    Path tmp;

    @Test
    void appendsReadsAndKeepsPermissionsTight() throws Exception {
        LedgerStore s = new LedgerStore(tmp.resolve("backups/ledger"));
        Path wd = tmp.resolve("app");
        s.append(wd, Map.of("v", 1, "project", "a"));
        s.append(wd, Map.of("v", 1, "project", "b"));
        List<Map<String, Object>> all = s.read(wd);
        assertEquals(2, all.size());
        assertEquals("b", s.last(wd).orElseThrow().get("project"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.fileFor(wd))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.dir())));
        assertTrue(s.read(tmp.resolve("other")).isEmpty());
    }

    @Test
    void aLineCutShortByACrashIsIgnoredAndTheNextAppendStandsAlone() throws Exception {
        LedgerStore s = new LedgerStore(tmp.resolve("ledger"));
        Path wd = tmp.resolve("app");
        s.append(wd, Map.of("v", 1, "project", "a"));
        Files.write(s.fileFor(wd), "{\"v\":1,\"project\":\"cra".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertEquals(1, s.read(wd).size());
        assertEquals("a", s.last(wd).orElseThrow().get("project"));
        s.append(wd, Map.of("v", 1, "project", "c"));
        assertEquals(List.of("a", "c"), s.read(wd).stream().map(m -> m.get("project")).toList());
    }

    @Test
    void futureVersionsAndUnknownFieldsStillRead() throws Exception {
        LedgerStore s = new LedgerStore(tmp.resolve("ledger"));
        Path wd = tmp.resolve("app");
        Files.createDirectories(s.dir());
        Files.writeString(s.fileFor(wd), "{\"v\":7,\"project\":\"x\",\"newField\":{\"a\":[1,2.5,null,true]}}\n");
        assertEquals("x", s.last(wd).orElseThrow().get("project"));
    }

    @Test
    void saltIsStableAndPrivate() throws Exception {
        LedgerStore s = new LedgerStore(tmp.resolve("ledger"));
        byte[] a = s.salt();
        byte[] b = s.salt();
        assertEquals(32, a.length);
        assertEquals(new String(a, StandardCharsets.ISO_8859_1), new String(b, StandardCharsets.ISO_8859_1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.dir().resolve("salt"))));
    }

    @Test
    void locationFollowsTheBackupDirectory() {
        assertEquals(Path.of("/srv/b/ledger"), LedgerStore.forEnv(Map.of("COMPOSE_GUARD_BACKUP_DIR", "/srv/b")).dir());
        assertEquals(Path.of("/x/l"), LedgerStore.forEnv(Map.of("COMPOSE_GUARD_LEDGER_DIR", "/x/l")).dir());
    }

    /** The deploy record file is a format other versions read: one compact object per line, fields in order. */
    @Test
    void recordsAreOneCompactLineAndReadBackWithTheirTypes() throws Exception {
        LedgerStore s = new LedgerStore(tmp.resolve("ledger"));
        Path wd = tmp.resolve("app");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("s", "a\"b\n\u00e9");
        m.put("n", -12L);
        m.put("d", 1500.0);
        m.put("none", null);
        m.put("l", List.of(true, "x"));
        m.put("o", Map.of());
        s.append(wd, m);
        assertEquals("{\"v\":1,\"s\":\"a\\\"b\\n\u00e9\",\"n\":-12,\"d\":1500.0,\"none\":null,\"l\":[true,\"x\"],\"o\":{}}\n",
                Files.readString(s.fileFor(wd)));
        Map<String, Object> back = s.last(wd).orElseThrow();
        assertEquals(1L, back.get("v"), "whole numbers read as Long, as the hand-written reader gave them");
        assertEquals(-12L, back.get("n"));
        assertEquals(1500.0, back.get("d"));
        assertEquals("a\"b\n\u00e9", back.get("s"));
        assertTrue(back.containsKey("none"));
        assertEquals(List.of(true, "x"), back.get("l"));
    }

    @Test
    void linesThatAreNotOneObjectAreSkipped() throws Exception {
        LedgerStore s = new LedgerStore(tmp.resolve("ledger"));
        Path wd = tmp.resolve("app");
        Files.createDirectories(s.dir());
        Files.writeString(s.fileFor(wd), "[1]\nnull\n{\"project\":\"a\"}{\"project\":\"b\"}\n{\"project\":\"ok\"}\n");
        assertEquals(List.of("ok"), s.read(wd).stream().map(r -> r.get("project")).toList());
    }
}
