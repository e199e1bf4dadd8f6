package dev.composeguard.guard;

import dev.composeguard.engine.EngineContainer;
import dev.composeguard.plan.ContainerData;
import dev.composeguard.plan.DestroyPlan;
import dev.composeguard.plan.DestructiveCall;
import dev.composeguard.plan.PlanEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * For a destructive call that stops the writers of its volumes anyway (down, rm -s, recreation): the question first
 * (the call's one question, {@link GuardedCall#askOnce}), then the logical dumps (live), then the writers stopped,
 * then the file copy of a single point in time, verified, then compose. Nothing written before compose runs is lost, and a cancelled question costs no downtime (nothing
 * was stopped). If the backup fails, the writers are started again and nothing is deleted.
 */
final class StopFirst {
    private StopFirst() {
    }

    /** The running containers the call would stop that write to what it deletes; empty when it stops none. */
    static List<EngineContainer> writers(DestroyPlan plan, DestructiveCall call) {
        if (call.command().equals("rm") && !call.stopFirst()) {
            return List.of(); // rm without -s leaves running containers (and their volumes) alone
        }
        Set<String> names = plan.volumes().stream().map(PlanEntry::volume).collect(Collectors.toSet());
        Set<String> ids = plan.containerData().stream().map(ContainerData::containerId).collect(Collectors.toSet());
        return plan.containers().stream().filter(c -> c.running() && (ids.contains(c.id())
                || c.mounts().stream().anyMatch(m -> names.contains(m.name())))).toList();
    }

    /** The destroy plan's part, saying what happens after the yes: nothing is stopped before it. */
    static ConsentPlan.Part part(ConsentPlan.Part plan, List<EngineContainer> writers) {
        List<String> text = new ArrayList<>(plan.lines());
        text.add("After you confirm: logical dumps of the running databases, then "
                + String.join(", ", writers.stream().map(EngineContainer::name).toList())
                + " stopped (compose stops them anyway) and the volumes copied while stopped, verified before compose"
                + " deletes anything. Cancelling now stops nothing.");
        return new ConsentPlan.Part(text, plan.refusal());
    }
}
