package dev.composeguard.ledger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.JsonTrees;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deploy record as one JSON line, through Jackson's streaming writer and tree reader rather than its data binding:
 * every guarded {@code up} reads the ledger and appends to it, the tree reader is already warm there (the compose
 * schema check uses it), and binding a {@code Map} first builds Jackson's serializers and deserializers. Read + append
 * in a fresh JVM after a tree read, on the 2-core build machine: bound 32-36 ms, this way 10-15 ms (the hand-written
 * parser it replaces: 4-7 ms). Values are plain:
 * {@code LinkedHashMap} (keys in order), {@code ArrayList}, {@code String}, {@code Long} for whole numbers,
 * {@code Double}, {@code Boolean} and null, as the records have always been read.
 */
final class RecordJson {
    private RecordJson() {
    }

    /** Compact JSON, one line; anything that is not a JSON value is written as its {@code toString()}. */
    static String write(Map<String, ?> record) throws IOException {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JsonTrees.FACTORY.createGenerator(out)) {
            value(g, record);
        }
        return out.toString();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof BigInteger || v instanceof BigDecimal) {
            g.writeNumber(v.toString());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> items) {
            g.writeStartArray();
            for (Object o : items) {
                value(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /** The record on {@code line}, or null unless the line is exactly one JSON object (a torn write is not one). */
    static Map<String, Object> read(String line) {
        try (JsonParser p = JsonTrees.FACTORY.createParser(line)) {
            JsonNode n = JsonTrees.read(p);
            if (n == null || !n.isObject() || p.nextToken() != null) {
                return null;
            }
            return object(n);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, Object> object(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            m.put(e.getKey(), plain(e.getValue()));
        }
        return m;
    }

    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            return object(n);
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (JsonNode item : n) {
                l.add(plain(item));
            }
            return l;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return null;
    }
}
