package dev.composeguard.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Jackson trees read and JSON written with the streaming layer alone, for the short calls that only read a few small
 * documents (the engine's answers before {@code up}, the docker config, the deploy ledger, the image list for lint).
 * {@link JsonCodec#MAPPER} would give the same trees, but starting an {@code ObjectMapper} costs ~40-60 ms of CPU
 * in a fresh JVM (its type factory, date formats, locale data), more than everything these calls read.
 */
public final class JsonTrees {
    /** Thread-safe, cheap to create; shared for parsers and generators. */
    public static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /** The tree of {@code text} as {@code ObjectMapper.readTree} builds it (missing node for empty text). */
    public static JsonNode read(String text) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return read(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String does not fail to read
        }
    }

    /** The next value of {@code p}, or the missing node at its end; the parser stays open for what follows. */
    public static JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == null ? MissingNode.getInstance() : value(p, t);
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    o.set(k, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    a.add(value(p, n));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return NODES.numberNode(p.getIntValue());
                    case LONG:
                        return NODES.numberNode(p.getLongValue());
                    default:
                        return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonProcessingException("unexpected " + t + " in JSON") {
                    private static final long serialVersionUID = 1L;
                };
        }
    }
}
