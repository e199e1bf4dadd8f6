package dev.composeguard.project;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast first answer to "does the release's schema accept this document?", walked directly over the YAML tree.
 * Most documents are valid, and proving that here takes a few milliseconds, where building the general validator and
 * converting the tree for it took ~250 ms for a 500-service file. Only a {@link Verdict#VALID} answer is used: anything
 * else goes to the general validator ({@link ComposeSchema}), which finds and words the error as before.
 *
 * <p>So every {@link Verdict#VALID} and {@link Verdict#INVALID} must be the validator's own answer (inside
 * {@code oneOf} a wrong "invalid" would change the count of matching branches). Where the two could differ (a float
 * where an integer is wanted, equality of floats, an enum of non-strings, a keyword this class does not know) the
 * answer is {@link Verdict#UNSURE}, and an unsure branch makes its {@code oneOf} unsure. The keywords are those of
 * draft 7 that compose-spec uses. SchemaPrecheckTest holds both answers to the validator's over the test corpora
 * and thousands of mutations of them.
 */
final class SchemaPrecheck {

    enum Verdict { VALID, INVALID, UNSURE }

    private static final Map<String, SchemaPrecheck> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, SchemaNode> definitions = new HashMap<>();
    private final SchemaNode root;

    private SchemaPrecheck(Map<String, Object> json) {
        Object defs = json.get("definitions");
        if (defs instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                definitions.put("#/definitions/" + e.getKey(), new SchemaNode());
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                definitions.get("#/definitions/" + e.getKey()).compile(e.getValue(), this);
            }
        }
        root = new SchemaNode();
        root.compile(json, this);
    }

    /** The compiled schema of a classpath resource, built once per JVM. */
    static SchemaPrecheck of(String resource) {
        return CACHE.computeIfAbsent(resource, SchemaPrecheck::load);
    }

    /** The compiled definition a {@code $ref} names, or null. */
    SchemaNode definition(String ref) {
        return definitions.get(ref);
    }

    Verdict check(YMap document) {
        return root.check(document);
    }

    private static SchemaPrecheck load(String resource) {
        try (InputStream in = SchemaPrecheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            // The streaming layer only: a tree of maps and lists, without starting an ObjectMapper (~40 ms cold).
            try (JsonParser p = new JsonFactory().createParser(in)) {
                p.nextToken();
                @SuppressWarnings("unchecked")
                Map<String, Object> json = (Map<String, Object>) read(p);
                return new SchemaPrecheck(json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                p.nextToken();
                m.put(k, read(p));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> l = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(read(p));
            }
            return l;
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

    /** A key equal for equal JSON values (Jackson's node equality), or null when a float makes that uncertain. */
    static String canonical(YNode n) {
        if (n instanceof YMap m) {
            java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
            for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
                if (e.getValue().tag == YNode.Tag.RESET) {
                    continue;
                }
                String c = canonical(e.getValue());
                if (c == null) {
                    return null;
                }
                sorted.put(e.getKey(), c);
            }
            StringBuilder b = new StringBuilder("{");
            sorted.forEach((k, v) -> b.append(k.length()).append(':').append(k).append(v.length()).append(':').append(v));
            return b.append('}').toString();
        }
        if (n instanceof YSeq s) {
            StringBuilder b = new StringBuilder("[");
            for (YNode c : s.items) {
                String k = canonical(c);
                if (k == null) {
                    return null;
                }
                b.append(k.length()).append(':').append(k);
            }
            return b.append(']').toString();
        }
        YScalar s = (YScalar) n;
        return switch (s.kind) {
            case NULL -> "n";
            case BOOL -> "b" + Boolean.parseBoolean(s.value());
            case INT -> "i" + new BigInteger(s.value());
            case FLOAT -> null;
            default -> "s" + s.text;
        };
    }
}
