package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.offsite.Pusher;
import dev.composeguard.backup.offsite.Restic;
import dev.composeguard.backup.offsite.ResticConfig;
import java.util.ArrayList;
import java.util.List;

/** {@code backups push [BACKUP…]}: verified backups the restic repository lacks go there, and are checked there. */
final class BackupsPush {
    private BackupsPush() {
    }

    static int run(CallContext ctx, BackupStore store, List<String> refs) {
        List<BackupStore.StoredBackup> chosen = new ArrayList<>();
        if (refs.isEmpty()) {
            chosen.addAll(store.list());
        } else {
            for (String ref : refs) {
                BackupStore.StoredBackup b = store.find(ref);
                if (b == null) {
                    throw new GuardException(ExitCodes.USAGE, "no backup " + ref + " in " + store.root());
                }
                chosen.add(b);
            }
        }
        Restic restic;
        try {
            restic = new Restic(new ResticConfig(ctx.env()));
        } catch (GuardException e) {
            chosen.stream().map(b -> b.manifest().project).distinct()
                    .forEach(p -> Pusher.recordFailure(store, String.valueOf(p), e.getMessage()));
            throw e;
        }
        Pusher.Result r = new Pusher(store, restic, ctx::say).push(chosen);
        r.pushed().forEach(id -> ctx.out().println("pushed " + id));
        r.alreadyThere().forEach(id -> ctx.out().println("in the repository already " + id));
        r.skipped().forEach(id -> ctx.say("not pushed (never verified): " + id));
        ctx.say(r.pushed().size() + " backup(s) pushed and checked, " + r.alreadyThere().size()
                + " already in the repository");
        return ExitCodes.OK;
    }
}
