package dev.composeguard.plan;

import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineReads;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Project;
import dev.composeguard.project.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the exact plan of a destructive call from the files and the engine, with compose's real semantics
 * (compose-semantics.md §7):
 * <ul>
 * <li>{@code down -v} (v2): every non-external volume referenced by an active service (all declared ones with
 *     {@code --all-resources}) is removed <em>by name</em>, with no label check; plus the anonymous volumes of the
 *     removed containers. v1 removes every declared non-external volume, used or not.</li>
 * <li>{@code -p X down -v} without {@code -f} (v2): the files are not read; every volume labelled
 *     {@code com.docker.compose.project=x} goes.</li>
 * <li>{@code rm -v}: anonymous volumes of the stopped containers it removes ({@code -s}: running ones too).</li>
 * <li>{@code up/create -V}: the anonymous volumes of recreated containers are replaced by empty ones.</li>
 * <li>{@code up/create -y}: volumes whose driver or labels differ from the file are deleted and recreated.</li>
 * <li>{@code up --force-recreate}: stateful containers whose data directory is on no volume lose it.</li>
 * </ul>
 */
public final class Planner {
    private static final String PROJECT = "com.docker.compose.project";
    private static final String CONFIG_HASH = "com.docker.compose.config-hash";

    private final EngineReads engine;
    private final Function<String, Instant> newestBackup;
    private final boolean withSizes;

    /**
     * @param engine       the engine the call would act on
     * @param newestBackup engine volume name → time of its newest verified backup (null: none)
     */
    public Planner(EngineReads engine, Function<String, Instant> newestBackup) {
        this(engine, newestBackup, true);
    }

    /**
     * @param sizes false: no volume sizes ({@code system df} walks every volume; the guard's first, quick look at a
     *              call leaves them to the full plan before the backup)
     */
    public Planner(EngineReads engine, Function<String, Instant> newestBackup, boolean sizes) {
        this.engine = engine;
        this.newestBackup = newestBackup;
        this.withSizes = sizes;
    }

    /** {@link #plan(DestructiveCall, Project, String, ComposeRules, boolean, Set)} for a compose of unknown version. */
    public DestroyPlan plan(DestructiveCall call, Project project, String projectName, ComposeFlavor flavor,
            boolean allResources) {
        return plan(call, project, projectName, ComposeRules.unknown(flavor), allResources, Set.of());
    }

    /**
     * @param call         the destructive call
     * @param project      the loaded project, or null when compose itself does not read the files
     *                     ({@code -p X} without {@code -f}, v2)
     * @param projectName  the project name compose uses
     * @param rules        the rules of the compose release that will run
     * @param allResources {@code --all-resources}
     * @param fallback     projects compose falls back to when it cannot load the files (v2 down/rm with
     *                     {@code COMPOSE_PROJECT_NAME} set): their labelled volumes and containers are planned too
     */
    public DestroyPlan plan(DestructiveCall call, Project project, String projectName, ComposeRules rules,
            boolean allResources, Set<String> fallback) {
        String name = project == null ? projectName.toLowerCase(Locale.ROOT) : projectName;
        List<EngineContainer> containers = new ArrayList<>(engine.containers(true, Map.of(PROJECT, name)));
        Map<String, PlanEntry> entries = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Set<String> selected = selectedServices(call, project);
        Set<String> others = fallbackProjects(call, project, rules, fallback);
        List<EngineContainer> scope = scope(containers, selected, others);

        if (call.removeVolumes() && call.command().equals("down")) {
            downVolumes(entries, project, name, rules, allResources, call, others, containers);
            scope.forEach(c -> anonymous(c, entries, PlanEntry.Reason.ANONYMOUS));
        } else if (call.removeVolumes()) { // rm -v
            for (EngineContainer c : scope) {
                // Without -s a running container is not removed, unless it exits while the question waits: planned
                // too (issue 11, row 9).
                anonymous(c, entries, PlanEntry.Reason.ANONYMOUS);
            }
        }
        if (call.renewAnon()) {
            scope.forEach(c -> anonymous(c, entries, PlanEntry.Reason.RENEWED));
        }
        Set<String> recreatedUsers = new LinkedHashSet<>();
        if (project != null && call.ensuresVolumes() && rules.recreatesDivergedVolumes()) {
            recreated(entries, project, containers, recreatedUsers);
        }
        List<ContainerData> containerData = ContainerRisk.scan(call, scope, containers, recreatedUsers, project, notes);
        List<PlanEntry> volumes = new ArrayList<>();
        Map<String, Long> sizes = entries.isEmpty() || !withSizes ? Map.of() : engine.volumeSizes();
        for (PlanEntry e : entries.values()) {
            volumes.add(e.withSize(sizes.getOrDefault(e.volume(), -1L)).withNewestBackup(newestBackup.apply(e.volume())));
        }
        return new DestroyPlan(name, call.describe(), volumes, containerData, containers, notes);
    }

    /** v2 down/rm: projects compose acts on by label if it cannot load the files. */
    private static Set<String> fallbackProjects(DestructiveCall call, Project project, ComposeRules rules,
            Set<String> fallback) {
        Set<String> others = new LinkedHashSet<>();
        if (project != null && rules.fallsBackToProjectLabel()
                && (call.command().equals("down") || call.command().equals("rm"))) {
            for (String f : fallback) {
                String fn = f.toLowerCase(Locale.ROOT);
                if (!fn.isEmpty()) {
                    others.add(fn);
                }
            }
        }
        return others;
    }

    /** The containers the call acts on; {@code containers} gains those of the fallback projects. */
    private List<EngineContainer> scope(List<EngineContainer> containers, Set<String> selected, Set<String> others) {
        List<EngineContainer> scope = new ArrayList<>();
        for (EngineContainer c : containers) {
            if (selected == null || selected.contains(c.service())) {
                scope.add(c);
            }
        }
        for (String other : others) {
            // If compose cannot load the files it acts on every container and volume labelled with this project.
            for (EngineContainer c : engine.containers(true, Map.of(PROJECT, other))) {
                if (scope.stream().noneMatch(x -> x.id().equals(c.id()))) {
                    scope.add(c);
                    containers.add(c);
                }
            }
        }
        return scope;
    }

    /** down -v: the named volumes (by the release's rules), or the labelled ones without files, plus fallbacks. */
    private void downVolumes(Map<String, PlanEntry> entries, Project project, String name, ComposeRules rules,
            boolean allResources, DestructiveCall call, Set<String> others, List<EngineContainer> containers) {
        if (project == null) {
            for (EngineVolume v : engine.volumes(Map.of(PROJECT, name))) {
                add(entries, v, PlanEntry.Reason.DOWN_BY_LABEL, usersOf(v.name(), null, null, containers), null);
            }
            return;
        }
        for (DownVolumes.Target t : DownVolumes.of(project, rules, allResources, call.services(), engine)) {
            engine.volume(t.engineName()).ifPresent(ev -> add(entries, ev, PlanEntry.Reason.DOWN_BY_NAME,
                    usersOf(ev.name(), t.volume().key(), project, containers), downNote(t, ev, name)));
        }
        for (String other : others) {
            for (EngineVolume v : engine.volumes(Map.of(PROJECT, other))) {
                add(entries, v, PlanEntry.Reason.DOWN_BY_LABEL, usersOf(v.name(), null, null, containers),
                        "COMPOSE_PROJECT_NAME=" + other + " is set: compose removes it if it cannot load the files");
            }
        }
    }

    /** compose 2.32+: volumes whose config hash differs; their users' containers are removed to recreate them. */
    private void recreated(Map<String, PlanEntry> entries, Project project, List<EngineContainer> containers,
            Set<String> recreatedUsers) {
        for (Volume v : project.volumes().values()) {
            if (v.external()) {
                continue;
            }
            engine.volume(v.engineName()).ifPresent(ev -> {
                String diff = configDifference(v, ev, project.workingDir());
                if (diff != null) {
                    List<String> users = usersOf(ev.name(), v.key(), project, containers);
                    recreatedUsers.addAll(users);
                    add(entries, ev, PlanEntry.Reason.RECREATED, users, diff);
                }
            });
        }
    }


    /** Services the call narrows to (named ones and, for down, nothing more), or null for all. */
    private static Set<String> selectedServices(DestructiveCall call, Project project) {
        if (!call.services().isEmpty()) {
            return new LinkedHashSet<>(call.services());
        }
        if (project == null) {
            return null;
        }
        Set<String> active = new LinkedHashSet<>();
        project.activeServices().forEach(s -> active.add(s.name()));
        // Containers of inactive-profile services are left alone by down/rm/up.
        return active;
    }

    /** The top-level volumes {@code down -v} removes by name (rules of an unknown release of {@code flavor}). */
    static List<Volume> downVolumes(Project project, ComposeFlavor flavor, boolean allResources, List<String> services) {
        return DownVolumes.of(project, ComposeRules.unknown(flavor), allResources, services, null).stream()
                .map(DownVolumes.Target::volume).toList();
    }

    private static String downNote(DownVolumes.Target t, EngineVolume ev, String project) {
        if (!t.engineName().equals(t.volume().engineName())) {
            return "docker-compose 1.x removes the legacy name " + t.engineName() + " (project name without - and _)"
                    + " instead of " + t.volume().engineName();
        }
        return ownershipNote(ev, project);
    }

    private static String ownershipNote(EngineVolume v, String project) {
        String owner = v.project();
        if (owner == null) {
            return "not created by compose for this project (no project label): removed anyway";
        }
        if (!owner.equals(project)) {
            return "created by project \"" + owner + "\": removed anyway (compose removes by name)";
        }
        return null;
    }

    /**
     * Why compose 2.32+ would ask to recreate the volume (its {@code config-hash} label differs from the file's
     * configuration), or null. A volume without the label (made by hand or by an older compose) is never recreated.
     */
    static String configDifference(Volume file, EngineVolume engine, java.nio.file.Path workingDir) {
        String actual = engine.labels().get(CONFIG_HASH);
        if (actual == null || actual.equals(VolumeConfigHash.of(file, workingDir))) {
            return null;
        }
        String fileDriver = file.driver() == null || file.driver().isEmpty() ? "local" : file.driver();
        if (engine.driver() != null && !fileDriver.equals(engine.driver())) {
            return "driver " + engine.driver() + " in the engine, " + fileDriver + " in the file: compose recreates it"
                    + " empty when told yes";
        }
        return "labels or driver_opts differ from the file: compose recreates it empty when told yes";
    }

    private void add(Map<String, PlanEntry> entries, EngineVolume v, PlanEntry.Reason reason, List<String> services,
            String note) {
        entries.putIfAbsent(v.name(), new PlanEntry(v.name(), reason, v.driver(), v.labels(), -1, services, note, null));
    }

    private void anonymous(EngineContainer c, Map<String, PlanEntry> entries, PlanEntry.Reason reason) {
        for (ContainerMount m : c.mounts()) {
            if ("volume".equals(m.type()) && isAnonymous(m.name()) && !entries.containsKey(m.name())) {
                engine.volume(m.name()).ifPresent(ev -> add(entries, ev, reason,
                        c.service() == null ? List.of() : List.of(c.service()),
                        "mounted at " + m.destination() + " in " + c.name()));
            }
        }
    }

    /** Services using a volume: from the files (every service, active or not) and from the engine's containers. */
    private static List<String> usersOf(String engineName, String key, Project project, List<EngineContainer> containers) {
        Set<String> users = new TreeSet<>();
        if (project != null && key != null) {
            project.servicesUsing(key).forEach(s -> users.add(s.name()));
        }
        for (EngineContainer c : containers) {
            if (c.service() != null && c.mounts().stream().anyMatch(m -> engineName.equals(m.name()))) {
                users.add(c.service());
            }
        }
        return new ArrayList<>(users);
    }

    /** The mount holding {@code dir} (the same path or a parent), or null. */
    static ContainerMount mountCovering(EngineContainer c, String dir) {
        ContainerMount best = null;
        for (ContainerMount m : c.mounts()) {
            String d = m.destination();
            if (d == null) {
                continue;
            }
            String norm = d.endsWith("/") && d.length() > 1 ? d.substring(0, d.length() - 1) : d;
            if (dir.equals(norm) || dir.startsWith(norm.equals("/") ? "/" : norm + "/")) {
                if (best == null || norm.length() > best.destination().length()) {
                    best = m;
                }
            }
        }
        return best;
    }

    /** Engine-named anonymous volumes are 64 hex characters. */
    public static boolean isAnonymous(String volumeName) {
        if (volumeName == null || volumeName.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char ch = volumeName.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static String shortName(String volume) {
        return isAnonymous(volume) ? volume.substring(0, 12) : volume;
    }
}
