package dev.composeguard.rules.engine;

import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineSnapshot;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.engine.VolumeUsage;
import dev.composeguard.project.Project;
import dev.composeguard.project.Source;
import dev.composeguard.project.Volume;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CG201: volumes {@code up} would create empty while the same compose volume holds data elsewhere in the engine (a
 * renamed project, another env file's project name). Error findings stop the call until a human consents.
 */
public final class OrphanedData implements EngineRule {

    @Override
    public String code() {
        return "CG201";
    }

    @Override
    public String name() {
        return "orphaned-data";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "up would create a data volume empty while another engine volume holds the same compose volume's data.";
    }

    @Override
    public boolean asksConsent() {
        return true;
    }

    /** A volume elsewhere in the engine that may hold the data of one compose volume. */
    private static final class Candidate {
        final EngineVolume volume;
        final Set<String> reasons = new LinkedHashSet<>();
        String project;
        boolean strong;
        boolean sameDirectory;

        Candidate(EngineVolume volume) {
            this.volume = volume;
        }
    }

    @Override
    public List<Finding> check(EngineContext ctx) {
        Project p = ctx.project();
        EngineSnapshot e = ctx.engine();
        List<Finding> out = new ArrayList<>();
        for (Volume v : p.volumesOfActiveServices(false)) {
            if (v.external() || e.volume(v.engineName()).isPresent()) {
                continue;
            }
            Map<String, Candidate> cands = new LinkedHashMap<>();
            mountedBySameDeployment(p, e, v, cands);
            labelledOrNamedAlike(p, e, v, cands);
            for (Candidate k : cands.values()) {
                demoteSeparateDeployment(p, e, k);
                VolumeUsage u = e.usage(k.volume.name());
                if (u != null && !u.isEmpty()) {
                    out.add(orphanFinding(p, v, k, u, e));
                }
            }
        }
        return out;
    }

    /**
     * 1. Containers created from the same project directory, or from the same compose files, under another project
     * name, that mount a volume for {@code v} (by the other project's naming, or at {@code v}'s path).
     */
    private static void mountedBySameDeployment(Project p, EngineSnapshot e, Volume v, Map<String, Candidate> cands) {
        String current = p.name().value();
        String wd = p.workingDir().toString();
        for (EngineContainer c : sameDeployment(p, e)) {
            if (current.equals(c.project())) {
                continue;
            }
            for (ContainerMount m : c.mounts()) {
                if (!"volume".equals(m.type()) || m.name() == null || m.name().equals(v.engineName())) {
                    continue;
                }
                boolean byName = c.project() != null && (m.name().equals(c.project() + "_" + v.key())
                        || m.name().equals(stripLeading(c.project()) + "_" + v.key()));
                boolean byPath = p.servicesUsing(v.key()).stream()
                        .filter(s -> s.name().equals(c.service()))
                        .flatMap(s -> s.mounts().stream())
                        .anyMatch(pm -> v.key().equals(pm.source()) && pm.target().equals(m.destination()));
                if (byName || byPath) {
                    Candidate k = cands.computeIfAbsent(m.name(), n -> new Candidate(
                            e.volume(n).orElse(new EngineVolume(n, "local", Map.of(), null))));
                    k.project = c.project();
                    k.strong = true;
                    k.sameDirectory = true;
                    k.reasons.add("mounted by container " + c.name() + (wd.equals(c.labels().get(
                            EngineSnapshot.WORKING_DIR_LABEL)) ? " from this project directory"
                            : " created from the same compose file(s)"));
                }
            }
        }
    }

    /** 2. Volumes labelled as the same compose volume of another project; 3. {@code <project>_<key>} naming. */
    private static void labelledOrNamedAlike(Project p, EngineSnapshot e, Volume v, Map<String, Candidate> cands) {
        String current = p.name().value();
        for (EngineVolume ev : e.volumes()) {
            if (ev.name().equals(v.engineName())) {
                continue;
            }
            String otherProject = null;
            String reason = null;
            if (v.key().equals(ev.composeKey()) && ev.project() != null && !current.equals(ev.project())) {
                otherProject = ev.project();
                reason = "labelled as volume " + v.key() + " of project " + otherProject;
            } else if (ev.composeKey() == null && ev.name().endsWith("_" + v.key())
                    && ev.name().length() > v.key().length() + 1) {
                otherProject = ev.name().substring(0, ev.name().length() - v.key().length() - 1);
                if (otherProject.equals(current)) {
                    continue;
                }
                reason = "named like volume " + v.key() + " of project " + otherProject;
            }
            if (otherProject == null) {
                continue;
            }
            Candidate k = cands.computeIfAbsent(ev.name(), n -> new Candidate(ev));
            if (k.project == null) {
                k.project = otherProject;
            }
            k.reasons.add(reason);
            if (related(otherProject, current)) {
                k.strong = true;
            }
        }
    }

    /**
     * A related name whose containers live in another directory is a separate deployment (app and app-staging side by
     * side), not data this project left behind.
     */
    private static void demoteSeparateDeployment(Project p, EngineSnapshot e, Candidate k) {
        if (!k.strong || k.sameDirectory || k.project == null) {
            return;
        }
        String wd = p.workingDir().toString();
        String otherDir = e.containersWith(EngineVolume.PROJECT_LABEL, k.project).stream()
                .map(c -> c.labels().get(EngineSnapshot.WORKING_DIR_LABEL))
                .filter(d -> d != null && !d.equals(wd)).findFirst().orElse(null);
        if (otherDir != null) {
            k.strong = false;
            k.reasons.add("project " + k.project + " is deployed from " + otherDir);
        }
    }

    /** Containers from this project directory, or whose config_files label names one of this project's files. */
    private static List<EngineContainer> sameDeployment(Project p, EngineSnapshot e) {
        String wd = p.workingDir().toString();
        Map<String, EngineContainer> out = new LinkedHashMap<>();
        for (EngineContainer c : e.containersWith(EngineSnapshot.WORKING_DIR_LABEL, wd)) {
            out.put(c.id(), c);
        }
        Set<String> files = p.files().stream().map(f -> f.path().toString()).collect(Collectors.toSet());
        for (EngineContainer c : e.containersWith(EngineSnapshot.CONFIG_FILES_LABEL, "")) {
            String label = c.labels().get(EngineSnapshot.CONFIG_FILES_LABEL);
            if (label != null && Stream.of(label.split(",")).map(String::trim).anyMatch(files::contains)) {
                out.putIfAbsent(c.id(), c);
            }
        }
        return new ArrayList<>(out.values());
    }

    private Finding orphanFinding(Project p, Volume v, Candidate k, VolumeUsage u, EngineSnapshot e) {
        String lastUsed = lastUsedBy(k.volume.name(), k.project, e);
        String msg = "up would create volume " + v.engineName() + " EMPTY for compose volume " + v.key()
                + ", while " + k.volume.name() + " (project " + (k.project == null ? "?" : k.project) + ", "
                + DriftText.human(u.bytes()) + ", " + u.entries() + " entries"
                + (k.volume.createdAt() == null ? "" : ", created " + k.volume.createdAt())
                + (lastUsed.isEmpty() ? "" : ", " + lastUsed) + ") holds its data ("
                + String.join("; ", k.reasons) + "); project name " + p.name().value() + " comes from "
                + DriftText.nameSource(p.name(), p.workingDir());
        List<String> fixes = new ArrayList<>();
        if (k.project != null) {
            fixes.add("keep the old project name: -p " + k.project + " (or COMPOSE_PROJECT_NAME=" + k.project + ")");
        }
        Source where = v.source() == null ? Source.NONE : v.source();
        fixes.add("pin the volume: name: " + k.volume.name() + " under volumes." + v.key()
                + (where.isKnown() ? " (" + where.display(p.workingDir()) + ")" : ""));
        fixes.add("or migrate the data: compose-guard backup, then compose-guard restore --to " + v.engineName());
        // Strong evidence (same directory, same files, a related name) is an error that asks for consent; a volume
        // that only shares the key with an unrelated project is worth a warning.
        return finding(k.strong ? Severity.ERROR : Severity.WARNING, DriftText.nameSourceLocation(p.name()), msg,
                String.join("; ", fixes));
    }

    private static String lastUsedBy(String volume, String project, EngineSnapshot e) {
        if (project == null) {
            return "";
        }
        List<String> users = new ArrayList<>();
        for (EngineContainer c : e.containersWith(EngineVolume.PROJECT_LABEL, project)) {
            if (c.mounts().stream().anyMatch(m -> volume.equals(m.name()))) {
                users.add(c.name() + " (" + c.state() + ")");
            }
        }
        return users.isEmpty() ? "no container uses it now" : "used by " + String.join(", ", users);
    }

    /** Two project names that plausibly are the same deployment (rename, suffix, v1 dash stripping). */
    static boolean related(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.contains(y) || y.contains(x) || x.replaceAll("[-_]", "").equals(y.replaceAll("[-_]", ""));
    }

    private static String stripLeading(String s) {
        return s.replaceFirst("^[-_]+", "");
    }
}
