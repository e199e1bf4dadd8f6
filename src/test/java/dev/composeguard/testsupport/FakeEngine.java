package dev.composeguard.testsupport;

import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.engine.VolumeUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory engine for the drift checks' unit tests. */
public final class FakeEngine implements EngineClient {
    public final List<EngineVolume> volumes = new ArrayList<>();
    public final List<EngineContainer> containers = new ArrayList<>();
    public final Map<String, VolumeUsage> usage = new HashMap<>();
    public int calls;

    public FakeEngine volume(String name, String project, String key, long bytes) {
        Map<String, String> labels = new HashMap<>();
        if (project != null) {
            labels.put(EngineVolume.PROJECT_LABEL, project);
        }
        if (key != null) {
            labels.put(EngineVolume.VOLUME_LABEL, key);
        }
        volumes.add(new EngineVolume(name, "local", labels, "2026-11-01T10:00:00Z"));
        usage.put(name, new VolumeUsage(bytes, bytes > 0 ? 3 : 0));
        return this;
    }

    public FakeEngine container(EngineContainer c) {
        containers.add(c);
        return this;
    }

    @Override
    public List<EngineVolume> volumes(Map<String, String> labelFilter) {
        calls++;
        return volumes.stream().filter(v -> matches(v.labels(), labelFilter)).toList();
    }

    @Override
    public Optional<EngineVolume> volume(String name) {
        calls++;
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    @Override
    public List<EngineContainer> containers(boolean all, Map<String, String> labelFilter) {
        calls++;
        return containers.stream().filter(c -> matches(c.labels(), labelFilter)).toList();
    }

    @Override
    public VolumeUsage usage(String volumeName) {
        calls++;
        return usage.getOrDefault(volumeName, new VolumeUsage(0, 0));
    }

    @Override
    public String serverVersion() {
        return "20.10.24";
    }

    @Override
    public void close() {
    }

    private static boolean matches(Map<String, String> labels, Map<String, String> filter) {
        for (Map.Entry<String, String> f : filter.entrySet()) {
            if (f.getValue() == null || f.getValue().isEmpty()) {
                if (!labels.containsKey(f.getKey())) {
                    return false;
                }
            } else if (!f.getValue().equals(labels.get(f.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
