package dev.composeguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void quoteEscapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.quote("a\"b\\c\n\u0001"));
        assertEquals("\"\\u2028\"", Json.quote("\u2028"));
        assertEquals("null", Json.quote(null));
    }

    @Test
    void writeThenParseRoundTrips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "shop \"prod\"");
        m.put("size", 42L);
        m.put("ok", true);
        m.put("files", List.of("a.yml", "b.yml"));
        m.put("none", null);
        String text = Json.write(m);
        assertEquals("{\"name\":\"shop \\\"prod\\\"\",\"size\":42,\"ok\":true,\"files\":[\"a.yml\",\"b.yml\"],\"none\":null}",
                text);
        assertEquals(m, Json.parseObject(text));
    }

    @Test
    void malformedInputIsRejectedWhole() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
    }
}
