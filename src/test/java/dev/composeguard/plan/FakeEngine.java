package dev.composeguard.plan;

import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.engine.VolumeUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An engine in memory: volumes and containers, label filters like the engine's. */
public final class FakeEngine implements EngineClient {
    public final Map<String, EngineVolume> volumes = new LinkedHashMap<>();
    public final List<EngineContainer> containers = new ArrayList<>();
    public final Map<String, Long> sizes = new LinkedHashMap<>();

    public FakeEngine volume(String name, Map<String, String> labels, long size) {
        volumes.put(name, new EngineVolume(name, "local", labels, null));
        sizes.put(name, size);
        return this;
    }

    public FakeEngine container(EngineContainer c) {
        containers.add(c);
        return this;
    }

    private static boolean matches(Map<String, String> labels, Map<String, String> filter) {
        return filter.entrySet().stream().allMatch(e -> e.getValue() == null ? labels.containsKey(e.getKey())
                : e.getValue().equals(labels.get(e.getKey())));
    }

    @Override
    public List<EngineVolume> volumes(Map<String, String> labelFilter) {
        return volumes.values().stream().filter(v -> matches(v.labels(), labelFilter)).toList();
    }

    @Override
    public Optional<EngineVolume> volume(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    @Override
    public List<EngineContainer> containers(boolean all, Map<String, String> labelFilter) {
        return containers.stream().filter(c -> (all || c.running()) && matches(c.labels(), labelFilter)).toList();
    }

    @Override
    public VolumeUsage usage(String volumeName) {
        return new VolumeUsage(sizes.getOrDefault(volumeName, 0L), 0);
    }

    @Override
    public Map<String, Long> volumeSizes() {
        return sizes;
    }

    @Override
    public String serverVersion() {
        return "fake";
    }

    @Override
    public void close() {
    }
}
