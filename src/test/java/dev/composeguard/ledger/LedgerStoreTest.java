package dev.composeguard.ledger;

import dev.composeguard.core.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
        assertEquals("x", Json.str(s.last(wd).orElseThrow(), "project"));
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

    @Test
    void jsonRoundTrip() {
        Map<String, Object> m = Json.parseObject("{\"s\":\"a\\\"b\\n\\u00e9\",\"n\":-12,\"d\":1.5e3,\"l\":[],\"o\":{}}");
        assertEquals("a\"b\né", m.get("s"));
        assertEquals(-12L, m.get("n"));
        assertEquals(m, Json.parseObject(Json.write(m)));
    }
}
