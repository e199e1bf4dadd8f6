package dev.composeguard.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the checks of one call read from the engine, each asked once (volumes, containers by label, usage). */
public final class EngineSnapshot {
    public static final String WORKING_DIR_LABEL = "com.docker.compose.project.working_dir";
    public static final String CONFIG_FILES_LABEL = "com.docker.compose.project.config_files";

    private final EngineReads engine;
    private List<EngineVolume> volumes;
    private final Map<String, List<EngineContainer>> containers = new HashMap<>();
    private final Map<String, List<EngineContainer>> light = new HashMap<>();
    private final Map<String, VolumeUsage> usage = new HashMap<>();

    public EngineSnapshot(EngineReads engine) {
        this.engine = engine;
    }

    public List<EngineVolume> volumes() {
        if (volumes == null) {
            volumes = engine.volumes(Map.of());
        }
        return volumes;
    }

    public Optional<EngineVolume> volume(String name) {
        return volumes().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * Containers (any state) with label {@code key=value} ({@code value} empty: the label is set), for checks that
     * look at labels, state and mounts only: their {@code env} may be empty (no inspect per container).
     */
    public List<EngineContainer> containersWith(String key, String value) {
        return light.computeIfAbsent(key + "=" + value, k -> engine.containerSummaries(true, Map.of(key, value)));
    }

    /** Like {@link #containersWith} with each container's environment (an inspect per container). */
    public List<EngineContainer> containersWithEnv(String key, String value) {
        return containers.computeIfAbsent(key + "=" + value, k -> engine.containers(true, Map.of(key, value)));
    }

    /** Containers of the project or from its working directory (old names included), deduplicated. */
    public List<EngineContainer> related(String project, String workingDir, boolean withEnv) {
        Map<String, EngineContainer> all = new LinkedHashMap<>();
        for (EngineContainer c : withEnv ? containersWithEnv(EngineVolume.PROJECT_LABEL, project)
                : containersWith(EngineVolume.PROJECT_LABEL, project)) {
            all.put(c.id(), c);
        }
        for (EngineContainer c : withEnv ? containersWithEnv(WORKING_DIR_LABEL, workingDir)
                : containersWith(WORKING_DIR_LABEL, workingDir)) {
            all.putIfAbsent(c.id(), c);
        }
        return new ArrayList<>(all.values());
    }

    public VolumeUsage usage(String volume) {
        return usage.computeIfAbsent(volume, engine::usage);
    }
}
