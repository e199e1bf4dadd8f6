package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.JsonCodec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.composeguard.backup.offsite.RemoteSnapshot;
import dev.composeguard.backup.offsite.Restic;
import dev.composeguard.backup.offsite.ResticConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code backups list --remote [--format json]}: the backups the restic repository holds (snapshots by the guard). */
final class BackupsRemoteList {
    private BackupsRemoteList() {
    }

    static int run(CallContext ctx, String format) {
        List<RemoteSnapshot> snaps = new Restic(new ResticConfig(ctx.env())).snapshots();
        if (format.equals("json")) {
            ArrayNode arr = JsonCodec.MAPPER.createArrayNode();
            for (RemoteSnapshot s : snaps) {
                ObjectNode n = arr.addObject();
                n.put("id", s.backupId());
                n.put("project", s.project());
                n.put("snapshot", s.id());
                n.put("time", s.time().toString());
                n.put("host", s.host());
                s.volumes().forEach(n.putArray("volumes")::add);
            }
            try {
                ctx.out().println(JsonCodec.PRETTY.writeValueAsString(arr));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ExitCodes.OK;
        }
        if (snaps.isEmpty()) {
            ctx.out().println("no backups in the restic repository");
        }
        for (RemoteSnapshot s : snaps) {
            ctx.out().println(s.backupId() + "  " + s.time() + "  snapshot " + s.shortId() + "  host " + s.host()
                    + "  " + String.join(", ", s.volumes()));
        }
        return ExitCodes.OK;
    }
}
