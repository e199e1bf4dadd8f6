package dev.composeguard.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.JsonTrees;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine API's JSON (read with {@link JsonTrees}: no ObjectMapper on the way to up) mapped to the engine records, for the clients that read it raw. */
final class EngineJson {
    private EngineJson() {
    }

    static JsonNode parse(String body) {
        try {
            return JsonTrees.read(body);
        } catch (JsonProcessingException e) {
            throw new EngineUnavailableException("the Docker Engine sent JSON that cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code {"label":["k","k=v"]}} for a label filter (empty: none). Written with the streaming generator: binding a
     * map would make Jackson introspect its serializers on every guarded {@code up} (~100 ms CPU, measured).
     */
    static String labelFilters(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonTrees.FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeArrayFieldStart("label");
            for (Map.Entry<String, String> e : labels.entrySet()) {
                g.writeString(e.getValue() == null || e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue());
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        if (obj.isObject()) {
            obj.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    static List<String> list(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : arr) {
            if (v.isValueNode() && !v.isNull()) {
                out.add(v.asText());
            }
        }
        return out;
    }

    static EngineVolume volume(JsonNode v) {
        return new EngineVolume(text(v, "Name"), text(v, "Driver"), strings(v.path("Labels")), text(v, "CreatedAt"));
    }

    static List<ContainerMount> mounts(JsonNode arr) {
        List<ContainerMount> out = new ArrayList<>();
        for (JsonNode m : arr) {
            out.add(new ContainerMount(text(m, "Type"), text(m, "Name"), text(m, "Source"), text(m, "Destination")));
        }
        return out;
    }

    /** A container from the list call alone (no env); from its inspect too when {@code inspect} is not null. */
    static EngineContainer container(JsonNode c, JsonNode inspect) {
        String id = text(c, "Id");
        List<String> names = list(c.path("Names"));
        String name = names.isEmpty() ? id : names.get(0).replaceFirst("^/", "");
        if (inspect == null) {
            return new EngineContainer(id, name, text(c, "Image"), text(c, "ImageID"), text(c, "State"),
                    strings(c.path("Labels")), mounts(c.path("Mounts")), List.of());
        }
        String state = text(inspect.path("State"), "Status");
        return new EngineContainer(id, name, text(c, "Image"), text(inspect, "Image"),
                state == null ? text(c, "State") : state, strings(c.path("Labels")), mounts(inspect.path("Mounts")),
                list(inspect.path("Config").path("Env")));
    }

    /** {@code system df}, both shapes: {@code Volumes[].UsageData.Size} (API < 1.52) and {@code VolumeUsage.Items[]}. */
    static Map<String, Long> volumeSizes(JsonNode root) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        JsonNode list = root.path("Volumes");
        if (!list.isArray()) {
            list = root.path("VolumeUsage").path("Items");
        }
        if (list.isArray()) {
            for (JsonNode v : list) {
                String name = text(v, "Name");
                if (name != null) {
                    sizes.put(name, v.path("UsageData").path("Size").asLong(-1));
                }
            }
        }
        return sizes;
    }
}
