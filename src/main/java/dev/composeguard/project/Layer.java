package dev.composeguard.project;

import java.util.Map;

/**
 * One compose file's own contribution before merging (interpolated, not merged): lint compares layers to find
 * a data path that is a named volume in one file and a bind mount in another, or a build target that no later
 * file overrides. Services here are partial: fields a file does not set are null or empty.
 */
public record Layer(ComposeFile file, Map<String, Service> services, Map<String, Volume> volumes, String name,
        Source nameSource) {
    public Layer {
        services = Map.copyOf(services);
        volumes = Map.copyOf(volumes);
    }
}
