package dev.composeguard.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.composeguard.core.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * compose's schema check: each compose file, after interpolation and before merging, against the compose-spec JSON
 * schema its release embeds (src/main/resources/compose-spec, SOURCES.md there). Like compose-go, the most
 * specific error is reported, with the place it points at.
 *
 * <p>Never refuse what compose accepts: compose-go casts some interpolated strings to numbers and booleans before
 * validating, so an error at or above an interpolated scalar is left to compose (except unknown and missing keys,
 * which no value changes). Format assertions are off: compose's own format checkers are not modelled.
 *
 * <p>A valid document (the usual case) is proved so by {@link SchemaPrecheck} over the YAML tree in a few
 * milliseconds; the general validator below is built and run only for the others, to find and word the error.
 */
final class ComposeSchema {
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ComposeSchema() {
    }

    /** Throws at the offending place when {@code release}'s schema refuses {@code doc} (one file's document). */
    static void validate(YMap doc, Path file, ComposeRelease release) throws ProjectLoadException {
        String resource = release.schemaResource();
        if (resource == null) {
            return;
        }
        if (provedValid(doc, resource)) {
            return;
        }
        List<JsonNodePath> interpolated = new ArrayList<>();
        JsonNode json = toJson(doc, new JsonNodePath(com.networknt.schema.PathType.JSON_POINTER), interpolated);
        ValidationMessage worst = null;
        for (ValidationMessage m : schema(resource).validate(json)) {
            if (leftToCompose(m, interpolated)) {
                continue;
            }
            if (worst == null || specificity(m) > specificity(worst)) {
                worst = m;
            }
        }
        if (worst != null) {
            throw new ProjectLoadException(where(doc, worst, file), message(worst, release));
        }
    }

    /** Everything the general validator reports for {@code doc}, before any is left to compose (for tests). */
    static List<ValidationMessage> allMessages(YMap doc, ComposeRelease release) {
        JsonNode json = toJson(doc, new JsonNodePath(com.networknt.schema.PathType.JSON_POINTER), new ArrayList<>());
        return new ArrayList<>(schema(release.schemaResource()).validate(json));
    }

    /** True when the quick check proves the document valid; the general validator is then not needed at all. */
    private static boolean provedValid(YMap doc, String resource) {
        try {
            return SchemaPrecheck.of(resource).check(doc) == SchemaPrecheck.Verdict.VALID;
        } catch (RuntimeException e) {
            return false; // the general validator decides
        }
    }

    private static JsonSchema schema(String resource) {
        return SCHEMAS.computeIfAbsent(resource, ComposeSchema::load);
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = ComposeSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            ObjectNode schema = (ObjectNode) JsonCodec.MAPPER.readTree(in);
            // "$schema" (https://…/draft-07/schema) would be looked up remotely, and "$id": "compose_spec.json" is not
            // an absolute URI: the factory's draft 7 and local "#/definitions/…" references are all that is used.
            schema.remove("$schema");
            schema.remove("$id");
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The YAML tree as compose-go hands it to the validator: scalars with their YAML 1.2 types. */
    private static JsonNode toJson(YNode n, JsonNodePath at, List<JsonNodePath> interpolated) {
        if (n instanceof YMap m) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
                if (e.getValue().tag != YNode.Tag.RESET) { // !reset removes the key before validation
                    o.set(e.getKey(), toJson(e.getValue(), at.append(e.getKey()), interpolated));
                }
            }
            return o;
        }
        if (n instanceof YSeq s) {
            ArrayNode a = NODES.arrayNode();
            for (int i = 0; i < s.items.size(); i++) {
                a.add(toJson(s.items.get(i), at.append(i), interpolated));
            }
            return a;
        }
        YScalar s = (YScalar) n;
        switch (s.kind) {
            case NULL:
                return NODES.nullNode();
            case BOOL:
                return NODES.booleanNode(Boolean.parseBoolean(s.value()));
            case INT:
                return NODES.numberNode(new BigInteger(s.value()));
            case FLOAT:
                return floatNode(s.text);
            default:
                if (s.raw != null && s.raw.indexOf('$') >= 0) {
                    interpolated.add(at);
                }
                return NODES.textNode(s.text);
        }
    }

    private static JsonNode floatNode(String text) {
        try {
            return NODES.numberNode(Double.parseDouble(text.replace("_", "")));
        } catch (NumberFormatException e) {
            return NODES.numberNode(0.0); // .inf / .nan: a number all the same for the schema
        }
    }

    private static boolean leftToCompose(ValidationMessage m, List<JsonNodePath> interpolated) {
        String type = m.getType();
        if ("additionalProperties".equals(type) || "required".equals(type)) {
            return false;
        }
        JsonNodePath at = m.getInstanceLocation();
        for (JsonNodePath p : interpolated) {
            if (p.startsWith(at)) {
                return true;
            }
        }
        return false;
    }

    /** compose-go's choice among errors: the deepest, an unknown key one deeper than its mapping. */
    private static int specificity(ValidationMessage m) {
        return m.getInstanceLocation().getNameCount() + ("additionalProperties".equals(m.getType()) ? 1 : 0);
    }

    private static Source where(YMap doc, ValidationMessage m, Path file) {
        YNode n = doc;
        JsonNodePath path = m.getInstanceLocation();
        Source at = doc.source;
        for (int i = 0; i < path.getNameCount(); i++) {
            Object e = path.getElement(i);
            if (n instanceof YMap map && e instanceof String k && map.get(k) != null) {
                at = map.keySource(k);
                n = map.get(k);
            } else if (n instanceof YSeq seq && e instanceof Integer j && j < seq.items.size()) {
                n = seq.items.get(j);
                at = n.source;
            } else {
                break;
            }
        }
        if (n instanceof YMap map && m.getProperty() != null && map.get(m.getProperty()) != null) {
            at = map.keySource(m.getProperty());
        }
        return at == null || at.equals(Source.NONE) ? Source.of(file) : at;
    }

    /** The message in the release's wording where it is known (unknown keys), else the validator's. */
    private static String message(ValidationMessage m, ComposeRelease release) {
        String path = dotted(m.getInstanceLocation());
        if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
            return release == ComposeRelease.V2_26
                    ? path + " Additional property " + m.getProperty() + " is not allowed"
                    : path + " additional properties '" + m.getProperty() + "' not allowed";
        }
        if ("type".equals(m.getType()) && m.getArguments() != null && m.getArguments().length > 1) {
            String want = String.valueOf(m.getArguments()[1]);
            return path + " must be a " + (want.equals("object") ? "mapping" : want);
        }
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        return path + " " + (text.startsWith("$") && colon > 0 ? text.substring(colon + 2) : text);
    }

    private static String dotted(JsonNodePath p) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.getNameCount(); i++) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(p.getElement(i));
        }
        return b.length() == 0 ? "(root)" : b.toString();
    }
}
