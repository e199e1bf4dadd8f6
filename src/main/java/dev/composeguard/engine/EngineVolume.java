package dev.composeguard.engine;

import java.util.Map;

/**
 * A volume as the Docker Engine reports it.
 *
 * @param name      engine name
 * @param driver    volume driver ({@code local} …)
 * @param labels    labels (compose writes {@code com.docker.compose.project}, {@code .volume}, {@code .version})
 * @param createdAt creation time as the engine prints it (RFC 3339), or null
 */
public record EngineVolume(String name, String driver, Map<String, String> labels, String createdAt) {
    public static final String PROJECT_LABEL = "com.docker.compose.project";
    public static final String VOLUME_LABEL = "com.docker.compose.volume";

    public EngineVolume {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The compose project that created it, or null. */
    public String project() {
        return labels.get(PROJECT_LABEL);
    }

    /** The volume key in that project's compose file, or null. */
    public String composeKey() {
        return labels.get(VOLUME_LABEL);
    }
}
