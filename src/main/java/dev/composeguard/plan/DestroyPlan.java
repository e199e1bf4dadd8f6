package dev.composeguard.plan;

import dev.composeguard.engine.EngineContainer;
import java.util.List;

/**
 * What one destructive call would remove, built from the files and the engine with compose's real semantics.
 *
 * @param project     the project name compose uses
 * @param command     the call as the user typed it (for the prompt), e.g. {@code down -v}
 * @param volumes     every volume that would be removed, detached or recreated empty
 * @param containerData stateful container paths whose data would be lost
 * @param containers  the project's containers (running ones get logical dumps; their images carry the helpers)
 * @param notes       surprises worth one line each
 */
public record DestroyPlan(String project, String command, List<PlanEntry> volumes, List<ContainerData> containerData,
        List<EngineContainer> containers, List<String> notes) {

    public DestroyPlan {
        volumes = List.copyOf(volumes);
        containerData = List.copyOf(containerData);
        containers = List.copyOf(containers);
        notes = List.copyOf(notes);
    }

    public boolean isEmpty() {
        return volumes.isEmpty() && containerData.isEmpty();
    }

    public long totalBytes() {
        return volumes.stream().mapToLong(v -> Math.max(0, v.sizeBytes())).sum();
    }
}
