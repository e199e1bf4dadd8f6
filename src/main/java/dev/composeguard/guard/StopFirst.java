package dev.composeguard.guard;

import dev.composeguard.backup.BackupRunner;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.cli.CallContext;
import dev.composeguard.cli.ExitCodes;
import dev.composeguard.cli.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.plan.ContainerData;
import dev.composeguard.plan.DestroyPlan;
import dev.composeguard.plan.DestructiveCall;
import dev.composeguard.plan.PlanEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * For a destructive call that stops the writers of its volumes anyway (down, rm -s, recreation): the question first,
 * then the logical dumps (live), then the writers stopped, then the file copy of a single point in time, verified,
 * then compose. Nothing written before compose runs is lost, and a cancelled question costs no downtime (nothing
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

    static void confirmThenBackUp(CallContext cc, EngineClient engine, BackupStore store, DestroyPlan plan,
            boolean tty, List<EngineContainer> writers) {
        List<String> text = new ArrayList<>(PlanText.lines(plan, null, Instant.now()));
        text.add("After you confirm: logical dumps of the running databases, then "
                + String.join(", ", writers.stream().map(EngineContainer::name).toList())
                + " stopped (compose stops them anyway) and the volumes copied while stopped, verified before compose"
                + " deletes anything. Cancelling now stops nothing.");
        boolean yes;
        if (tty) {
            yes = dev.composeguard.prompt.Confirm.confirm(cc, String.join(System.lineSeparator(), text), plan.project());
        } else {
            cc.say(DestructiveGuard.Consent.ENV + " names project \"" + plan.project() + "\": going ahead");
            yes = true;
        }
        if (!yes) {
            throw new GuardException(ExitCodes.REFUSED, "not confirmed; nothing was stopped or deleted");
        }
        var backup = new BackupRunner(engine, store, cc::say).gzipLevel(cc.env().get("COMPOSE_GUARD_GZIP_LEVEL"))
                .stopWriters(true)
                .run(new BackupRunner.Request(plan.project(), plan.command(), plan.volumes(), plan.containerData(),
                        plan.containers(), BackupRunner.dumpCandidates(plan.containers(), plan.volumes(),
                                plan.containerData(), false)));
        cc.say("verified backup (copied with the writers stopped): " + backup.dir());
    }
}
