package dev.composeguard.cli;

import dev.composeguard.exec.Projects;
import dev.composeguard.engine.EngineFor;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.core.JsonCodec;
import dev.composeguard.backup.AtomicFile;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Drill;
import dev.composeguard.backup.Manifest;
import dev.composeguard.engine.ContainerRuntime;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code backups drill [BACKUP]}: restores a backup into scratch volumes, starts each database on its copy and counts
 * it (see {@link Drill}); records the result in the backup's manifest. Exit 0 when every volume came back (and every
 * database answered), 1 otherwise.
 */
final class BackupDrill {
    private final CallContext ctx;
    private final ComposeOptions compose;
    private final boolean json;

    BackupDrill(CallContext ctx, ComposeOptions compose, String format) {
        this.ctx = ctx;
        this.compose = compose;
        this.json = format.equals("json");
    }

    int run(BackupStore store, String ref) {
        BackupStore.StoredBackup b = ref != null ? byRef(store, ref) : newestOfProject(store);
        try (EngineClient engine = EngineFor.connect(ctx, Projects.flavor(ctx), null)) {
            Drill drill = new Drill(engine, ctx::say, timeout());
            ctx.say("drill of " + b.id() + ": restoring " + b.manifest().volumes.size() + " volume(s) into scratch"
                    + " volumes (label " + Drill.LABEL + ")");
            Manifest.DrillRecord rec = drill.run(b, a -> live(engine, b.manifest().project, a));
            record(b, rec);
            report(rec);
            ctx.say("drill " + (rec.ok ? "passed" : "FAILED") + " in " + rec.seconds + " s");
            return rec.ok ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    private static BackupStore.StoredBackup byRef(BackupStore store, String ref) {
        BackupStore.StoredBackup b = store.find(ref);
        if (b == null) {
            throw new GuardException(ExitCodes.USAGE, ref + " is not a backup (no readable " + Manifest.FILE
                    + "; looked in " + store.root() + ")");
        }
        return b;
    }

    private BackupStore.StoredBackup newestOfProject(BackupStore store) {
        String name = CommandTarget.of(ctx, compose, error -> { }).name();
        List<BackupStore.StoredBackup> mine = store.list().stream()
                .filter(x -> name.equals(x.manifest().project)).toList();
        if (mine.isEmpty()) {
            throw new GuardException(ExitCodes.USAGE, "no backup of project " + name + " in " + store.root());
        }
        return mine.get(mine.size() - 1);
    }

    private Duration timeout() {
        String t = ctx.env().get("COMPOSE_GUARD_DRILL_TIMEOUT");
        try {
            return t == null || t.isEmpty() ? Duration.ofSeconds(120) : Duration.ofSeconds(Long.parseLong(t.trim()));
        } catch (NumberFormatException e) {
            throw new GuardException(ExitCodes.USAGE, "COMPOSE_GUARD_DRILL_TIMEOUT must be a number of seconds");
        }
    }

    /** The service's current container (environment, healthcheck) for an archive, or null. */
    private static ContainerRuntime live(EngineClient engine, String project, Manifest.VolumeArchive a) {
        if (project == null || a.services.isEmpty()) {
            return null;
        }
        for (EngineContainer c : engine.containers(true, Map.of(EngineVolume.PROJECT_LABEL, project))) {
            if (a.services.contains(c.service())) {
                return engine.runtime(c.id());
            }
        }
        return null;
    }

    private void record(BackupStore.StoredBackup b, Manifest.DrillRecord rec) {
        Manifest m = b.manifest();
        m.drills.add(rec);
        Path file = b.dir().resolve(Manifest.FILE);
        try {
            if (Files.isWritable(file)) {
                AtomicFile.write(file, m.toJson());
            } else {
                ctx.say("cannot record the drill in " + file + " (not writable)");
            }
        } catch (IOException e) {
            ctx.say("cannot record the drill in " + file + ": " + e.getMessage());
        }
    }

    private void report(Manifest.DrillRecord rec) {
        if (json) {
            try {
                ctx.out().println(JsonCodec.PRETTY.writeValueAsString(rec.volumes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        for (Manifest.DrillVolume v : rec.volumes) {
            ctx.out().println(String.format("%-7s %s%s%s: %s s%s%s", v.result, v.volume,
                    v.service == null ? "" : " (" + v.service + (v.database == null ? "" : ", " + v.database) + ")",
                    v.database == null ? "" : v.started ? " started" : " did not start",
                    v.seconds, v.counts.isEmpty() ? "" : " " + counts(v.counts)
                            + (v.expected == null ? "" : " (at backup: " + counts(v.expected) + ")"),
                    v.reason == null ? "" : " - " + v.reason));
        }
    }

    static String counts(Map<String, Long> c) {
        StringBuilder s = new StringBuilder();
        c.forEach((k, n) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(n));
        return s.toString();
    }
}
