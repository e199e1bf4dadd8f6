package dev.composeguard.backup.offsite;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One restic snapshot made by the guard: one backup directory, tagged {@code compose-guard},
 * {@code project=<name>}, {@code backup=<id>} and {@code volume=<engine name>} per volume.
 */
public record RemoteSnapshot(String id, String shortId, Instant time, String host, List<String> tags,
        List<String> paths) {
    public static final String PROJECT = "project=";
    public static final String BACKUP = "backup=";
    public static final String VOLUME = "volume=";

    static RemoteSnapshot of(JsonNode n) {
        List<String> tags = new ArrayList<>();
        n.path("tags").forEach(t -> tags.add(t.asText()));
        List<String> paths = new ArrayList<>();
        n.path("paths").forEach(p -> paths.add(p.asText()));
        Instant time;
        try {
            time = OffsetDateTime.parse(n.path("time").asText()).toInstant();
        } catch (RuntimeException e) {
            time = Instant.EPOCH;
        }
        return new RemoteSnapshot(n.path("id").asText(), n.path("short_id").asText(), time, n.path("hostname").asText(),
                List.copyOf(tags), List.copyOf(paths));
    }

    /** The backup id, or null for a snapshot without the tag. */
    public String backupId() {
        return tag(BACKUP);
    }

    public String project() {
        return tag(PROJECT);
    }

    public List<String> volumes() {
        return tags.stream().filter(t -> t.startsWith(VOLUME)).map(t -> t.substring(VOLUME.length())).toList();
    }

    private String tag(String prefix) {
        return tags.stream().filter(t -> t.startsWith(prefix)).map(t -> t.substring(prefix.length())).findFirst()
                .orElse(null);
    }
}
