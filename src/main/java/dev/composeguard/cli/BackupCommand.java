package dev.composeguard.cli;

import dev.composeguard.exec.Projects;
import dev.composeguard.engine.EngineFor;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.backup.BackupRunner;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.plan.PlanEntry;
import dev.composeguard.project.Project;
import dev.composeguard.project.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compose-guard backup [compose flags] [--volume NAME]…}: back up a project's volumes now. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up a project's volumes now (for cron and before risky work).",
                "Every existing non-external volume of the project (declared in the files, or labelled with the project"
                        + " in the engine) as a verified zstd-compressed tar (exact with GNU tar from a local image),"
                        + " plus a logical dump of every running known database"
                        + " (PostgreSQL, MySQL/MariaDB, Redis, MongoDB).",
                "Exit 0: verified backup written (its directory is printed on stdout); 4: backup failed, nothing kept."})
public final class BackupCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Option(names = "--volume", paramLabel = "NAME", description = "Only this volume (engine name or key; repeatable).")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--no-dumps", description = "Skip the logical dumps of running databases.")
    boolean noDumps;

    public BackupCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        dev.composeguard.core.Timings.mark("JVM start, picocli");
        CommandTarget target = CommandTarget.of(ctx, compose, error -> ctx.say("warning: " + error
                + "; backing up the volumes labelled with project " + (compose.projectName != null ? compose.projectName
                        : ctx.invocation().global().projectName())));
        Project project = target.project();
        String name = target.name();
        dev.composeguard.core.Timings.mark("project load");
        try (EngineClient engine = EngineFor.connect(ctx, project != null ? project.flavor() : Projects.flavor(ctx),
                project)) {
            dev.composeguard.core.Timings.mark("engine: connect");
            List<EngineContainer> containers = engine.containers(true, Map.of(EngineVolume.PROJECT_LABEL, name));
            List<PlanEntry> entries = entries(engine, containers, existingVolumes(engine, project, name));
            List<EngineContainer> dumps = noDumps ? List.of()
                    : BackupRunner.dumpCandidates(containers, entries, List.of(), volumes.isEmpty());
            if (entries.isEmpty() && dumps.isEmpty()) {
                throw new GuardException(ExitCodes.USAGE, "project " + name + " has no volume and no running database"
                        + " to back up");
            }
            BackupStore store = BackupStore.fromEnv(ctx.env());
            BackupStore.StoredBackup b;
            try (var lock = dev.composeguard.backup.ProjectLock.acquire(store.root(), name, "backup")) {
                b = new BackupRunner(engine, store, ctx::say).settings(ctx.env())
                        .pauseWriters(ctx.env().get("COMPOSE_GUARD_PAUSE_WRITERS"))
                        .redacting(project != null ? project.environment().envFileValues() : List.of())
                        .run(new BackupRunner.Request(
                        name, "backup", entries, List.of(), containers, dumps));
            }
            ctx.say("verified backup of " + b.manifest().volumes.size() + " volume(s) and " + b.manifest().dumps.size()
                    + " dump(s): " + b.dir());
            ctx.out().println(b.dir());
            dev.composeguard.backup.offsite.AutoPush.afterBackup(ctx.env(), store, name, ctx::say);
        }
        return ExitCodes.OK;
    }

    /** The project's existing volumes (declared and labelled), narrowed to --volume; a usage error for a missing one. */
    private Map<String, EngineVolume> existingVolumes(EngineClient engine, Project project, String name) {
        Map<String, EngineVolume> found = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        if (project != null) {
            for (Volume v : project.volumes().values()) {
                if (!v.external()) {
                    engine.volume(v.engineName()).ifPresent(ev -> found.put(ev.name(), ev));
                    keys.put(v.engineName(), v.key());
                }
            }
        }
        for (EngineVolume ev : engine.volumes(Map.of(EngineVolume.PROJECT_LABEL, name))) {
            found.putIfAbsent(ev.name(), ev);
        }
        if (!volumes.isEmpty()) {
            found.keySet().removeIf(n -> !volumes.contains(n) && !volumes.contains(keys.get(n)));
            for (String v : volumes) {
                if (!found.containsKey(v) && !keys.containsValue(v)) {
                    throw new GuardException(ExitCodes.USAGE, "project " + name + " has no existing volume " + v);
                }
            }
        }
        return found;
    }

    /** One plan entry per volume, with its size and the services that mount it. */
    private static List<PlanEntry> entries(EngineClient engine, List<EngineContainer> containers,
            Map<String, EngineVolume> found) {
        dev.composeguard.core.Timings.mark("engine: containers, volumes");
        Map<String, Long> sizes = found.isEmpty() ? Map.of() : engine.volumeSizes();
        List<PlanEntry> entries = new ArrayList<>();
        for (EngineVolume ev : found.values()) {
            TreeSet<String> users = new TreeSet<>();
            containers.stream().filter(c -> c.mounts().stream().anyMatch(m -> ev.name().equals(m.name())))
                    .forEach(c -> users.add(c.service()));
            entries.add(new PlanEntry(ev.name(), PlanEntry.Reason.DOWN_BY_NAME, ev.driver(), ev.labels(),
                    sizes.getOrDefault(ev.name(), -1L), new ArrayList<>(users), null, null));
        }
        return entries;
    }
}
