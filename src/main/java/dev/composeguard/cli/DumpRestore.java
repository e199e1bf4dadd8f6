package dev.composeguard.cli;

import dev.composeguard.exec.Projects;
import dev.composeguard.engine.EngineFor;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.DumpReplay;
import dev.composeguard.backup.ProjectLock;
import dev.composeguard.engine.EngineClient;
import java.util.Map;

/** {@code restore BACKUP --dump SERVICE}: replays a logical dump into the service's running container. */
final class DumpRestore {
    private final CallContext ctx;

    DumpRestore(CallContext ctx) {
        this.ctx = ctx;
    }

    int run(BackupStore store, BackupStore.StoredBackup b, String service, boolean dryRun) {
        DumpReplay.dumpOf(b, service); // bad input is told before the engine is asked anything
        try (EngineClient engine = EngineFor.connect(ctx, Projects.flavor(ctx), null);
                var lock = dryRun ? null : ProjectLock.acquire(store.root(), b.manifest().project,
                        "restore --dump " + b.id())) {
            DumpReplay replay = new DumpReplay(engine);
            DumpReplay.Plan p = replay.prepare(b, service);
            String plan = "restore --dump: replay " + p.dump().file + " (" + p.dump().kind + ", taken "
                    + b.manifest().createdAt + ") into the running container " + p.container().name() + "\n"
                    + "  it REPLACES what the dump holds (every database, table and key in it) in " + p.container().name()
                    + ", which now holds " + DumpReplay.counts(p.before());
            if (dryRun) {
                plan.lines().forEach(l -> ctx.err().println("compose-guard: " + l));
                ctx.say("dry run: nothing was changed");
                return ExitCodes.OK;
            }
            var answer = dev.composeguard.prompt.Consent.of(ctx).ask(plan.lines().toList(), b.manifest().project);
            if (!answer.yes()) {
                throw new GuardException(ExitCodes.REFUSED, answer.why() + "; nothing was restored. To proceed, "
                        + dev.composeguard.prompt.Consent.hint(b.manifest().project));
            }
            Map<String, Long> after = replay.replay(p);
            ctx.say("replayed " + p.dump().file + " into " + p.container().name() + ": replaced "
                    + DumpReplay.counts(p.before()) + " with " + DumpReplay.counts(after));
        }
        return ExitCodes.OK;
    }
}
