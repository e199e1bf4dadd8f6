package dev.composeguard.engine;

import java.util.List;
import java.util.Map;

/**
 * A container as the Docker Engine reports it.
 *
 * @param id      container id
 * @param name    name without the leading slash
 * @param image   image reference it was created from
 * @param imageId image id
 * @param state   {@code running}, {@code exited}, {@code created} …
 * @param labels  labels (compose: project, service, working_dir, config_files …)
 * @param mounts  mounts
 * @param env     environment as {@code KEY=VALUE}: may hold secrets; never print, log or store it
 */
public record EngineContainer(String id, String name, String image, String imageId, String state,
        Map<String, String> labels, List<ContainerMount> mounts, List<String> env) {

    public EngineContainer {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        env = env == null ? List.of() : List.copyOf(env);
    }

    public String project() {
        return labels.get("com.docker.compose.project");
    }

    public String service() {
        return labels.get("com.docker.compose.service");
    }

    public boolean running() {
        return "running".equals(state);
    }

    @Override
    public String toString() {
        return "EngineContainer[" + name + " " + state + "]";
    }
}
