package dev.composeguard.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The drills recorded in a backup's manifest ({@code backups drill} writes {@code drills}: {@code at}, {@code ok},
 * {@code volumes[]} with {@code volume} and {@code result} ok/failed), read for the metrics. Read from the raw JSON,
 * apart from {@link Manifest}'s classes, and leniently (also a single {@code drill} object, {@code ok} per volume,
 * {@code finishedAt}/{@code time}), so the metrics do not break when the drill's record grows. A manifest without
 * any is no drill.
 *
 * @param at     when the drill finished
 * @param volume the volume, or null when the record is for the whole backup
 * @param ok     whether it came back and answered
 */
public record DrillResult(Instant at, String volume, boolean ok) {

    /** Every drill result in the backup's manifest (none when it holds none or cannot be read). */
    public static List<DrillResult> read(Path backupDir) {
        List<DrillResult> out = new ArrayList<>();
        JsonNode root;
        try {
            root = JsonCodec.MAPPER.readTree(backupDir.resolve(Manifest.FILE).toFile());
        } catch (IOException | RuntimeException e) {
            return out;
        }
        if (root.path("drill").isObject()) {
            add(root.path("drill"), out);
        }
        root.path("drills").forEach(d -> add(d, out));
        return out;
    }

    private static void add(JsonNode d, List<DrillResult> out) {
        Instant at = time(d);
        if (at == null) {
            return;
        }
        JsonNode volumes = d.path("volumes");
        if (volumes.isArray() && !volumes.isEmpty()) {
            for (JsonNode v : volumes) {
                String name = v.path("volume").asText(null);
                out.add(new DrillResult(at, name, ok(v)));
            }
        } else {
            out.add(new DrillResult(at, null, ok(d)));
        }
    }

    private static Instant time(JsonNode d) {
        for (String f : List.of("at", "finishedAt", "time", "startedAt")) {
            if (d.hasNonNull(f)) {
                try {
                    return Instant.parse(d.get(f).asText());
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean ok(JsonNode d) {
        if (d.has("ok")) {
            return d.get("ok").asBoolean(false);
        }
        String r = d.path("result").asText("");
        return r.equalsIgnoreCase("ok") || r.equalsIgnoreCase("passed") || r.equalsIgnoreCase("success");
    }
}
