package dev.composeguard.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The unix-socket client's HTTP parsing: chunk sizes count bytes, a cut-off or odd answer fails closed. */
class UnixHttpTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] chunked(String... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
        for (String c : chunks) {
            byte[] b = bytes(c);
            out.writeBytes(bytes(Integer.toHexString(b.length) + "\r\n"));
            out.writeBytes(b);
            out.writeBytes(bytes("\r\n"));
        }
        out.writeBytes(bytes("0\r\n\r\n"));
        return out.toByteArray();
    }

    @Test
    void multiByteCharactersAcrossChunksSurvive() {
        String json = "{\"Labels\":{\"a\":\"größe-Ω-データ\"}}";
        byte[] whole = bytes(json);
        // split inside a multi-byte character: only a byte-wise decoder puts it back together
        String first = new String(whole, 0, 20, StandardCharsets.ISO_8859_1);
        String rest = new String(whole, 20, whole.length - 20, StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
        for (String part : new String[] {first, rest}) {
            byte[] b = part.getBytes(StandardCharsets.ISO_8859_1);
            raw.writeBytes(bytes(Integer.toHexString(b.length) + "\r\n"));
            raw.writeBytes(b);
            raw.writeBytes(bytes("\r\n"));
        }
        raw.writeBytes(bytes("0\r\n\r\n"));
        UnixHttp.Response r = UnixHttp.parse(raw.toByteArray(), "/x");
        assertTrue(r.chunked());
        assertEquals(json, r.text());
        assertEquals("größe-Ω-データ", EngineJson.parse(r.text()).path("Labels").path("a").asText());
    }

    @Test
    void chunkExtensionsAndPlainBodies() {
        assertArrayEquals(bytes("abc"), UnixHttp.unchunk(bytes("3;x=y\r\nabc\r\n0\r\n\r\n"), "/x"));
        UnixHttp.Response plain = UnixHttp.parse(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"), "/_ping");
        assertFalse(plain.chunked());
        assertEquals("OK", plain.text());
        assertEquals(404, UnixHttp.parse(bytes("HTTP/1.1 404 Not Found\r\n\r\n{}"), "/v").status());
        assertEquals("[1]", UnixHttp.parse(chunked("[", "1", "]"), "/l").text());
    }

    @Test
    void cutOffOrOddAnswersAreEngineUnavailable() {
        assertThrows(EngineUnavailableException.class, () -> UnixHttp.unchunk(bytes("a\r\nabc"), "/x"));
        assertThrows(EngineUnavailableException.class, () -> UnixHttp.unchunk(bytes("3\r\nabc\r\n"), "/x"));
        assertThrows(EngineUnavailableException.class, () -> UnixHttp.unchunk(bytes("zz\r\n"), "/x"));
        assertThrows(EngineUnavailableException.class, () -> UnixHttp.parse(bytes("garbage"), "/x"));
        assertThrows(EngineUnavailableException.class,
                () -> UnixHttp.parse(bytes("HTTP/1.1 500 Internal Server Error\r\n\r\nboom"), "/x"));
    }
}
