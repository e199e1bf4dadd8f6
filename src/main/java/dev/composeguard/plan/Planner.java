package dev.composeguard.plan;

import dev.composeguard.project.StatefulImages;
import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.project.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
    private static final String SERVICE = "com.docker.compose.service";

    private final EngineClient engine;
    private final Function<String, Instant> newestBackup;

    /**
     * @param engine       the engine the call would act on
     * @param newestBackup engine volume name → time of its newest verified backup (null: none)
     */
    public Planner(EngineClient engine, Function<String, Instant> newestBackup) {
        this.engine = engine;
        this.newestBackup = newestBackup;
    }

    /**
     * @param call         the destructive call
     * @param project      the loaded project, or null when compose itself does not read the files
     *                     ({@code -p X} without {@code -f}, v2)
     * @param projectName  the project name compose uses
     * @param flavor       whose semantics apply
     * @param allResources {@code --all-resources}
     */
    public DestroyPlan plan(DestructiveCall call, Project project, String projectName, ComposeFlavor flavor,
            boolean allResources) {
        String name = project == null ? projectName.toLowerCase(Locale.ROOT) : projectName;
        List<EngineContainer> containers = engine.containers(true, Map.of(PROJECT, name));
        Map<String, PlanEntry> entries = new LinkedHashMap<>();
        List<ContainerData> containerData = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> selected = selectedServices(call, project);

        if (call.removeVolumes() && call.command().equals("down")) {
            if (project == null) {
                for (EngineVolume v : engine.volumes(Map.of(PROJECT, name))) {
                    add(entries, v, PlanEntry.Reason.DOWN_BY_LABEL, usersOf(v.name(), null, project, containers), null);
                }
            } else {
                for (Volume v : downVolumes(project, flavor, allResources, call.services())) {
                    engine.volume(v.engineName()).ifPresent(ev -> add(entries, ev, PlanEntry.Reason.DOWN_BY_NAME,
                            usersOf(ev.name(), v.key(), project, containers), ownershipNote(ev, name)));
                }
            }
            for (EngineContainer c : containers) {
                if (selected == null || selected.contains(c.service())) {
                    anonymous(c, entries, PlanEntry.Reason.ANONYMOUS);
                }
            }
        } else if (call.removeVolumes()) { // rm -v
            for (EngineContainer c : containers) {
                if ((selected == null || selected.contains(c.service())) && (call.stopFirst() || !c.running())) {
                    anonymous(c, entries, PlanEntry.Reason.ANONYMOUS);
                }
            }
        }
        if (call.renewAnon()) {
            for (EngineContainer c : containers) {
                if (selected == null || selected.contains(c.service())) {
                    anonymous(c, entries, PlanEntry.Reason.RENEWED);
                }
            }
        }
        if (call.yes() && project != null) {
            for (Volume v : project.volumes().values()) {
                if (v.external()) {
                    continue;
                }
                engine.volume(v.engineName()).ifPresent(ev -> {
                    String diff = configDifference(v, ev);
                    if (diff != null) {
                        add(entries, ev, PlanEntry.Reason.RECREATED, usersOf(ev.name(), v.key(), project, containers),
                                diff);
                    }
                });
            }
        }
        if (call.forceRecreate()) {
            for (EngineContainer c : containers) {
                if (selected != null && !selected.contains(c.service())) {
                    continue;
                }
                String dir = StatefulImages.dataDir(imageOf(c, project));
                if (dir == null) {
                    continue;
                }
                ContainerMount m = mountCovering(c, dir);
                if (m == null) {
                    containerData.add(new ContainerData(c.id(), c.name(), c.service(), dir,
                            "on no volume: lost when the container is recreated"));
                } else if (isAnonymous(m.name())) {
                    notes.add(c.service() + ": " + dir + " is on an anonymous volume (" + shortName(m.name())
                            + "); it survives a recreate but not down -v, rm -v or up -V");
                }
            }
        }
        List<PlanEntry> volumes = new ArrayList<>();
        Map<String, Long> sizes = entries.isEmpty() ? Map.of() : engine.volumeSizes();
        for (PlanEntry e : entries.values()) {
            volumes.add(e.withSize(sizes.getOrDefault(e.volume(), -1L)).withNewestBackup(newestBackup.apply(e.volume())));
        }
        return new DestroyPlan(name, call.describe(), volumes, containerData, containers, notes);
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

    /** The top-level volumes {@code down -v} removes by name. */
    static List<Volume> downVolumes(Project project, ComposeFlavor flavor, boolean allResources, List<String> services) {
        List<Volume> out = new ArrayList<>();
        if (flavor == ComposeFlavor.V1) {
            // v1: every declared non-external volume, used or not (services named on the line do not narrow it).
            for (Volume v : project.volumes().values()) {
                if (!v.external()) {
                    out.add(v);
                }
            }
            return out;
        }
        Set<String> keys = new LinkedHashSet<>();
        if (allResources) {
            keys.addAll(project.volumes().keySet());
        } else {
            for (Service s : project.activeServices()) {
                if (!services.isEmpty() && !services.contains(s.name())) {
                    continue;
                }
                for (Mount m : s.mounts()) {
                    if (m.isNamedVolume()) {
                        keys.add(m.source());
                    }
                }
            }
        }
        for (String k : keys) {
            Volume v = project.volumes().get(k);
            if (v != null && !v.external()) {
                out.add(v);
            }
        }
        return out;
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

    /** Why compose 2.32+ would recreate the volume, or null when driver and labels match. */
    static String configDifference(Volume file, EngineVolume engine) {
        String fileDriver = file.driver() == null || file.driver().isEmpty() ? "local" : file.driver();
        String engineDriver = engine.driver() == null ? "local" : engine.driver();
        if (!fileDriver.equals(engineDriver)) {
            return "driver " + engineDriver + " in the engine, " + fileDriver + " in the file";
        }
        for (var e : file.labels().entrySet()) {
            if (!Objects.equals(engine.labels().get(e.getKey()), e.getValue())) {
                return "label " + e.getKey() + " differs from the file";
            }
        }
        return null;
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

    private static String imageOf(EngineContainer c, Project project) {
        if (project != null && c.service() != null) {
            Service s = project.services().get(c.service());
            if (s != null && s.image() != null) {
                return s.image();
            }
        }
        return c.image();
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
