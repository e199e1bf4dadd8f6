package dev.composeguard.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The drills recorded in a backup's manifest ({@code backups drill} writes them), read for the metrics. Read
 * leniently and apart from {@link Manifest}: a {@code drill} object or a {@code drills} array, each with a time
 * ({@code at}, {@code finishedAt} or {@code time}), an overall {@code ok}/{@code result}, and per-volume
 * results ({@code volumes}: {@code volume} + {@code ok}/{@code result}). A manifest without any is no drill.
 *
 * @param at     when the drill finished
 * @param volume the volume, or null when the record is for the whole backup
 * @param ok     whether it came back and answered
 */
public record DrillRecord(Instant at, String volume, boolean ok) {

    /** Every drill result in the backup's manifest (none when it holds none or cannot be read). */
    public static List<DrillRecord> read(Path backupDir) {
        List<DrillRecord> out = new ArrayList<>();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(backupDir.resolve(Manifest.FILE).toFile());
        } catch (IOException | RuntimeException e) {
            return out;
        }
        if (root.path("drill").isObject()) {
            add(root.path("drill"), out);
        }
        root.path("drills").forEach(d -> add(d, out));
        return out;
    }

    private static void add(JsonNode d, List<DrillRecord> out) {
        Instant at = time(d);
        if (at == null) {
            return;
        }
        JsonNode volumes = d.path("volumes");
        if (volumes.isArray() && !volumes.isEmpty()) {
            for (JsonNode v : volumes) {
                String name = v.path("volume").asText(null);
                out.add(new DrillRecord(at, name, ok(v)));
            }
        } else {
            out.add(new DrillRecord(at, null, ok(d)));
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
