package dev.composeguard.testsupport;

import static org.mockito.Mockito.mock;

import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineReads;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.engine.VolumeUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mockito.Answers;

/**
 * An engine in memory for the plans' and drift checks' unit tests: volumes and containers with the engine's label
 * filter semantics ({@code key} alone or an empty value: the label is set). Only {@link EngineReads}: a test that needs
 * the whole {@link EngineClient} gets a Mockito mock over it ({@link #asClient()}).
 */
public final class FakeEngine implements EngineReads {
    public final List<EngineVolume> volumes = new ArrayList<>();
    public final List<EngineContainer> containers = new ArrayList<>();
    public final Map<String, VolumeUsage> usage = new HashMap<>();
    public int calls;

    /** A volume of a compose project ({@code project}, {@code key} null: unlabelled) holding {@code bytes}. */
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

    /** A volume with exactly these labels, {@code size} bytes as the engine's {@code system df} reports them. */
    public FakeEngine volume(String name, Map<String, String> labels, long size) {
        volumes.removeIf(v -> v.name().equals(name));
        volumes.add(new EngineVolume(name, "local", labels, null));
        usage.put(name, new VolumeUsage(size, 0));
        return this;
    }

    /** Puts {@code v} in place of the volume of its name (a different driver, other labels). */
    public FakeEngine put(EngineVolume v) {
        volumes.removeIf(x -> x.name().equals(v.name()));
        volumes.add(v);
        return this;
    }

    public FakeEngine container(EngineContainer c) {
        containers.add(c);
        return this;
    }

    /**
     * The whole engine client as a Mockito mock: its reads answered by this engine, every other operation (helpers,
     * archives, writes) Mockito's defaults, for tests that only need those to be there.
     */
    public EngineClient asClient() {
        return mock(EngineClient.class, inv -> inv.getMethod().getDeclaringClass().isInstance(this)
                ? inv.getMethod().invoke(this, inv.getArguments())
                : Answers.RETURNS_DEFAULTS.answer(inv));
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
        return containers.stream().filter(c -> (all || c.running()) && matches(c.labels(), labelFilter)).toList();
    }

    @Override
    public List<EngineContainer> containerSummaries(boolean all, Map<String, String> labelFilter) {
        return containers(all, labelFilter).stream().map(c -> new EngineContainer(c.id(), c.name(), c.image(),
                c.imageId(), c.state(), c.labels(), c.mounts(), List.of())).toList();
    }

    @Override
    public VolumeUsage usage(String volumeName) {
        calls++;
        return usage.getOrDefault(volumeName, new VolumeUsage(0, 0));
    }

    @Override
    public Map<String, Long> volumeSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        volumes.forEach(v -> sizes.put(v.name(), usage.getOrDefault(v.name(), new VolumeUsage(0, 0)).bytes()));
        return sizes;
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
