package dev.composeguard.ledger;

import dev.composeguard.engine.EngineSnapshot;
import dev.composeguard.core.Json;
import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.engine.VolumeUsage;
import dev.composeguard.ledger.DriftFinding.Severity;
import dev.composeguard.project.Mount;
import dev.composeguard.project.NameCandidate;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectName;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import dev.composeguard.project.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The deploy-time checks (docs/rules/CG2xx.md). Each takes the loaded project and what it needs (engine snapshot,
 * last ledger record) and returns findings; none prints, none decides. Messages never contain secret values.
 */
public final class DriftRules {
    public static final String ORPHANED_DATA = "CG201";
    public static final String PROJECT_RENAMED = "CG202";
    public static final String ENV_FILE_SWITCHED = "CG203";
    public static final String OVERRIDE_GONE = "CG204";
    public static final String DATA_MOUNT_MOVED = "CG205";
    public static final String CREDENTIAL_DRIFT = "CG206";
    public static final String CREDENTIAL_DISAGREEMENT = "CG207";
    public static final String BIND_TAKEOVER = "CG208";

    private DriftRules() {
    }

    // ---------------------------------------------------------------- CG201 orphaned data

    /** A volume elsewhere in the engine that may hold the data of compose volume {@code key}. */
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

    /** CG201: volumes {@code up} would create empty while the same compose volume holds data elsewhere. */
    public static List<DriftFinding> orphanedData(Project p, EngineSnapshot e) {
        List<DriftFinding> out = new ArrayList<>();
        String current = p.name().value();
        String wd = p.workingDir().toString();
        for (Volume v : p.volumesOfActiveServices(false)) {
            if (v.external() || e.volume(v.engineName()).isPresent()) {
                continue;
            }
            Map<String, Candidate> cands = new LinkedHashMap<>();
            // 1. Containers created from the same project directory, or from the same compose files, under another
            //    project name.
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
            // 2. Volumes labelled as the same compose volume of another project; 3. <project>_<key> naming.
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
            for (Candidate k : cands.values()) {
                if (k.strong && !k.sameDirectory && k.project != null) {
                    // A related name whose containers live in another directory is a separate deployment
                    // (app and app-staging side by side), not data this project left behind.
                    String otherDir = e.containersWith(EngineVolume.PROJECT_LABEL, k.project).stream()
                            .map(c -> c.labels().get(EngineSnapshot.WORKING_DIR_LABEL))
                            .filter(d -> d != null && !d.equals(wd)).findFirst().orElse(null);
                    if (otherDir != null) {
                        k.strong = false;
                        k.reasons.add("project " + k.project + " is deployed from " + otherDir);
                    }
                }
                VolumeUsage u = e.usage(k.volume.name());
                if (u == null || u.isEmpty()) {
                    continue;
                }
                out.add(orphanFinding(p, v, k, u, e));
            }
        }
        return out;
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

    private static DriftFinding orphanFinding(Project p, Volume v, Candidate k, VolumeUsage u, EngineSnapshot e) {
        String lastUsed = lastUsedBy(k.volume.name(), k.project, e);
        String msg = "up would create volume " + v.engineName() + " EMPTY for compose volume " + v.key()
                + ", while " + k.volume.name() + " (project " + (k.project == null ? "?" : k.project) + ", "
                + human(u.bytes()) + ", " + u.entries() + " entries"
                + (k.volume.createdAt() == null ? "" : ", created " + k.volume.createdAt())
                + (lastUsed.isEmpty() ? "" : ", " + lastUsed) + ") holds its data ("
                + String.join("; ", k.reasons) + "); project name " + p.name().value() + " comes from "
                + nameSource(p.name(), p.workingDir());
        List<String> fixes = new ArrayList<>();
        if (k.project != null) {
            fixes.add("keep the old project name: -p " + k.project + " (or COMPOSE_PROJECT_NAME=" + k.project + ")");
        }
        Source where = v.source() == null ? Source.NONE : v.source();
        fixes.add("pin the volume: name: " + k.volume.name() + " under volumes." + v.key()
                + (where.isKnown() ? " (" + where.display(p.workingDir()) + ")" : ""));
        fixes.add("or migrate the data: compose-guard backup, then compose-guard restore --to " + v.engineName());
        return new DriftFinding(ORPHANED_DATA, "orphaned-data", k.strong ? Severity.ERROR : Severity.WARNING, msg,
                String.join("; ", fixes), nameSourceLocation(p.name()), k.strong);
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

    /** Where the project name came from, for a human: {@code COMPOSE_PROJECT_NAME in .env.prod:1}. */
    public static String nameSource(ProjectName n, Path wd) {
        String at = n.source() == null || !n.source().isKnown() ? "" : " (" + n.source().display(wd) + ")";
        if (n.origin() == null) {
            return "an unknown place";
        }
        switch (n.origin()) {
            case FLAG:
                return "the -p/--project-name flag";
            case SHELL_ENV:
                return "COMPOSE_PROJECT_NAME in the shell environment";
            case ENV_FILE:
                return "COMPOSE_PROJECT_NAME in an env file" + at;
            case NAME_FIELD:
                return "the top-level name:" + at;
            case DIRECTORY:
                return "the project directory's name (" + wd.getFileName() + ")";
            case CONFIG:
                return "the name pinned in .compose-guard.yml" + at;
            default:
                return n.origin().name() + at;
        }
    }

    private static Source nameSourceLocation(ProjectName n) {
        if (n.source() != null && n.source().isKnown()) {
            return n.source();
        }
        for (NameCandidate c : n.candidates()) {
            if (c.effective() && c.origin() == n.origin() && c.source() != null && c.source().isKnown()) {
                return c.source();
            }
        }
        return Source.NONE;
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] u = {"KB", "MB", "GB", "TB"};
        double b = bytes;
        int i = -1;
        while (b >= 1024 && i < u.length - 1) {
            b /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", b, u[i]);
    }

    // ---------------------------------------------------------------- CG202-205 ledger diff

    /** CG202–CG205: what changed since the last recorded deploy of this project directory. */
    public static List<DriftFinding> ledgerDiff(Project p, Map<String, Object> last) {
        List<DriftFinding> out = new ArrayList<>();
        if (last == null || last.isEmpty()) {
            return out;
        }
        Path wd = p.workingDir();
        String when = Objects.toString(Json.str(last, "time"), "?");
        String lastName = Json.str(last, "project");
        if (lastName != null && !lastName.equals(p.name().value())) {
            boolean unpinned = p.volumesOfActiveServices(false).stream().anyMatch(v -> !v.external() && !v.explicitName());
            out.add(new DriftFinding(PROJECT_RENAMED, "project-renamed", unpinned ? Severity.ERROR : Severity.INFO,
                    "project name is " + p.name().value() + " (from " + nameSource(p.name(), wd)
                            + ") but the last deploy from this directory (" + when + ") used " + lastName
                            + (unpinned ? ": volumes without name: get new, empty engine volumes" : ""),
                    "use -p " + lastName + ", or pin name: on every data volume before renaming",
                    nameSourceLocation(p.name()), false));
        }
        List<String> lastEnv = new ArrayList<>();
        for (Map<String, Object> f : Json.objs(last, "envFiles")) {
            if (!"SERVICE".equals(Json.str(f, "role")) && !Boolean.FALSE.equals(f.get("exists"))) {
                lastEnv.add(Json.str(f, "path"));
            }
        }
        List<String> curEnv = DeployRecord.projectEnvFiles(p);
        if (!lastEnv.equals(curEnv)) {
            out.add(new DriftFinding(ENV_FILE_SWITCHED, "env-file-switched", Severity.WARNING,
                    "env file switched: the last deploy (" + when + ") read " + describe(lastEnv, wd)
                            + ", this one reads " + describe(curEnv, wd)
                            + ": project name, credentials and image tags may differ",
                    lastEnv.isEmpty() ? "check that " + describe(curEnv, wd) + " is meant for this deployment"
                            : "check that " + describe(curEnv, wd) + " is meant for this deployment, or pass "
                                    + lastEnv.stream().map(f -> "--env-file " + rel(f, wd)).collect(Collectors.joining(" ")),
                    Source.NONE, false));
        }
        List<String> curOverrides = DeployRecord.overrides(p);
        for (String o : Json.strs(last, "overrides")) {
            if (!curOverrides.contains(o)) {
                boolean exists = Files.exists(Path.of(o));
                out.add(new DriftFinding(OVERRIDE_GONE, "override-file-gone", Severity.WARNING,
                        "override file " + rel(o, wd) + " was part of the last deploy (" + when + ") and is "
                                + (exists ? "not loaded now (-f given without it?)" : "gone from disk")
                                + ": whatever it set (ports, mounts, environment) is no longer applied",
                        exists ? "add -f " + rel(o, wd) + " (after the base file)" : "restore " + rel(o, wd)
                                + " from version control if its removal was not intended",
                        Source.NONE, false));
            }
        }
        Map<String, Map<String, Object>> lastMounts = new LinkedHashMap<>();
        for (Map<String, Object> m : Json.objs(last, "mounts")) {
            lastMounts.put(Json.str(m, "service") + "\u0000" + Json.str(m, "target"), m);
        }
        for (Service s : p.activeServices()) {
            for (Mount m : s.mounts()) {
                Map<String, Object> before = lastMounts.get(s.name() + "\u0000" + m.target());
                if (before == null || !(m.isNamedVolume() || m.isBind())) {
                    continue;
                }
                String was = describeRecorded(before, wd);
                String now = describeMount(p, m, wd);
                boolean typeChanged = !Objects.equals(Json.str(before, "type"), m.isBind() ? "bind" : "volume");
                // A new name that only follows the project rename is CG201/CG202's story, not a moved mount.
                String renamedFrom = lastName == null ? null : lastName + "_" + m.source();
                boolean nameChanged = !typeChanged && m.isNamedVolume()
                        && !Objects.equals(Json.str(before, "engineName"), engineName(p, m))
                        && !Objects.equals(Json.str(before, "engineName"), renamedFrom);
                boolean pathChanged = !typeChanged && m.isBind()
                        && !Objects.equals(Json.str(before, "hostPath"), m.source());
                if (typeChanged || nameChanged || pathChanged) {
                    out.add(new DriftFinding(DATA_MOUNT_MOVED, "data-mount-moved", Severity.ERROR,
                            "data mount " + s.name() + ":" + m.target() + " moved: it was " + was + " at the last deploy ("
                                    + when + "), now it is " + now + "; the service will see different (maybe empty) data",
                            "mount " + was + " again, or move the data first (compose-guard backup / restore --to)",
                            m.declared(), false));
                }
            }
        }
        return out;
    }

    private static String engineName(Project p, Mount m) {
        Volume v = p.volumes().get(m.source());
        return v == null ? m.source() : v.engineName();
    }

    private static String describeRecorded(Map<String, Object> m, Path wd) {
        return "bind".equals(Json.str(m, "type")) ? "bind mount " + rel(Json.str(m, "hostPath"), wd)
                : "named volume " + Json.str(m, "engineName");
    }

    private static String describeMount(Project p, Mount m, Path wd) {
        return m.isBind() ? "bind mount " + rel(m.source(), wd) : "named volume " + engineName(p, m);
    }

    private static String describe(List<String> files, Path wd) {
        if (files.isEmpty()) {
            return "no env file";
        }
        return files.stream().map(f -> rel(f, wd)).collect(Collectors.joining(", "));
    }

    private static String rel(String path, Path wd) {
        if (path == null) {
            return "?";
        }
        Path f = Path.of(path);
        return f.isAbsolute() && f.startsWith(wd) ? wd.relativize(f).toString() : path;
    }

    // ---------------------------------------------------------------- CG206 / CG207 credentials

    /**
     * CG206: a volume that already holds data will be started with other init credentials than the ones it was
     * initialized with (compared with the old container's environment, else the ledger's salted hashes).
     */
    public static List<DriftFinding> credentialDrift(Project p, EngineSnapshot e, Map<String, Object> last,
            byte[] salt) {
        List<DriftFinding> out = new ArrayList<>();
        List<EngineContainer> pool = e.related(p.name().value(), p.workingDir().toString(), true);
        for (Service s : p.activeServices()) {
            Map<String, Credentials.Value> now = Credentials.resolve(p, s);
            for (Mount m : s.mounts()) {
                if (!m.isNamedVolume()) {
                    continue;
                }
                String vol = engineName(p, m);
                if (e.volume(vol).isEmpty()) {
                    continue;
                }
                EngineContainer init = pool.stream()
                        .filter(c -> c.mounts().stream().anyMatch(cm -> vol.equals(cm.name())))
                        .sorted((a, b) -> Boolean.compare(!s.name().equals(a.service()), !s.name().equals(b.service())))
                        .findFirst().orElse(null);
                List<String> changed = new ArrayList<>();
                String against;
                if (init != null) {
                    Map<String, String> old = Credentials.fromContainerEnv(init.env());
                    if (old.isEmpty() && now.isEmpty()) {
                        continue;
                    }
                    Set<String> keys = new LinkedHashSet<>(old.keySet());
                    keys.addAll(now.keySet());
                    for (String k : keys) {
                        Credentials.Value n = now.get(k);
                        if (!Objects.equals(old.get(k), n == null ? null : n.value())) {
                            changed.add(k);
                        }
                    }
                    against = "container " + init.name() + " (" + init.state() + ")";
                } else {
                    Map<String, Object> recorded = Json.obj(Json.obj(last, "credentials"), s.name());
                    if (recorded.isEmpty() || salt == null) {
                        continue;
                    }
                    for (Map.Entry<String, Object> r : recorded.entrySet()) {
                        Credentials.Value n = now.get(r.getKey());
                        if (n == null || !Credentials.hash(salt, r.getKey(), n.value()).equals(r.getValue())) {
                            changed.add(r.getKey());
                        }
                    }
                    against = "the last deploy recorded in the ledger (" + Json.str(last, "time") + ")";
                }
                if (changed.isEmpty()) {
                    continue;
                }
                VolumeUsage u = e.usage(vol);
                if (u == null || u.isEmpty()) {
                    continue;
                }
                Source where = changed.stream().map(now::get).filter(Objects::nonNull).map(Credentials.Value::source)
                        .filter(src -> src != null && src.isKnown()).findFirst().orElse(m.declared());
                String from = changed.stream().map(k -> {
                    Credentials.Value n = now.get(k);
                    return k + (n == null ? " (no longer set)" : n.source() != null && n.source().isKnown()
                            ? " (from " + n.source().display(p.workingDir()) + ")" : "");
                }).collect(Collectors.joining(", "));
                out.add(new DriftFinding(CREDENTIAL_DRIFT, "credential-drift", Severity.WARNING,
                        "service " + s.name() + " will get " + from + " different from " + against
                                + ", but volume " + vol + " already holds data (" + human(u.bytes())
                                + "): the database reads init credentials only into an empty data directory, so it"
                                + " keeps the old ones and logins with the new values will fail (authentication failed)",
                        "use the env file the data was initialized with, or change the credentials inside the database"
                                + " first (ALTER USER / db.changeUserPassword) and then in the env file",
                        where, false));
            }
        }
        return out;
    }

    /** CG207: two services are given different values for the same init credential. */
    public static List<DriftFinding> credentialDisagreement(Project p) {
        List<DriftFinding> out = new ArrayList<>();
        Map<String, Map<String, Credentials.Value>> byKey = new LinkedHashMap<>();
        for (Service s : p.activeServices()) {
            for (Map.Entry<String, Credentials.Value> c : Credentials.resolve(p, s).entrySet()) {
                byKey.computeIfAbsent(c.getKey(), k -> new LinkedHashMap<>()).put(s.name(), c.getValue());
            }
        }
        for (Map.Entry<String, Map<String, Credentials.Value>> k : byKey.entrySet()) {
            Set<String> distinct = k.getValue().values().stream().map(Credentials.Value::value).collect(Collectors.toSet());
            if (distinct.size() < 2) {
                continue;
            }
            String who = k.getValue().entrySet().stream()
                    .map(x -> x.getKey() + (x.getValue().source() != null && x.getValue().source().isKnown()
                            ? " (from " + x.getValue().source().display(p.workingDir()) + ")" : ""))
                    .collect(Collectors.joining(", "));
            Source first = k.getValue().values().iterator().next().source();
            out.add(new DriftFinding(CREDENTIAL_DISAGREEMENT, "credential-disagreement", Severity.WARNING,
                    "services disagree about " + k.getKey() + ": " + who + " get different values; the one that did"
                            + " not initialize the database will fail to authenticate",
                    "set " + k.getKey() + " in one place (one env file) for every service", first, false));
        }
        return out;
    }

    // ---------------------------------------------------------------- CG208 bind-mount takeover

    /**
     * CG208: a data path now bind-mounted from an empty host directory while the service's old named volume at that
     * path holds data, or now a missing/empty named volume while the old bind directory holds data.
     */
    public static List<DriftFinding> bindTakeover(Project p, EngineSnapshot e) {
        List<DriftFinding> out = new ArrayList<>();
        List<EngineContainer> pool = e.related(p.name().value(), p.workingDir().toString(), false);
        for (Service s : p.activeServices()) {
            List<EngineContainer> olds = pool.stream().filter(c -> s.name().equals(c.service())).toList();
            if (olds.isEmpty()) {
                continue;
            }
            for (Mount m : s.mounts()) {
                if (m.isBind() && m.source() != null && isEmptyDir(Path.of(m.source()))) {
                    for (EngineContainer c : olds) {
                        ContainerMount cm = at(c, m.target());
                        if (cm == null || !"volume".equals(cm.type()) || cm.name() == null) {
                            continue;
                        }
                        VolumeUsage u = e.usage(cm.name());
                        if (u != null && !u.isEmpty()) {
                            out.add(takeover(s, m, "bind mount " + rel(m.source(), p.workingDir())
                                    + " (an empty host directory)", "named volume " + cm.name() + " (" + human(u.bytes())
                                    + ", mounted there by " + c.name() + ")"));
                            break;
                        }
                    }
                } else if (m.isNamedVolume()) {
                    String vol = engineName(p, m);
                    for (EngineContainer c : olds) {
                        ContainerMount cm = at(c, m.target());
                        if (cm == null || !"bind".equals(cm.type()) || cm.source() == null) {
                            continue;
                        }
                        // Only now ask for the volume's usage: walking every data volume on every up is too slow.
                        if (isNonEmptyDir(Path.of(cm.source())) && (e.volume(vol).isEmpty() || e.usage(vol).isEmpty())) {
                            out.add(takeover(s, m, "named volume " + vol + " (missing or empty)", "bind mount "
                                    + cm.source() + " (holds files, mounted there by " + c.name() + ")"));
                            break;
                        }
                    }
                }
            }
        }
        return out;
    }

    private static DriftFinding takeover(Service s, Mount m, String now, String was) {
        return new DriftFinding(BIND_TAKEOVER, "bind-mount-takeover", Severity.ERROR,
                "service " + s.name() + " will mount " + now + " at " + m.target() + ", where its last container had "
                        + was + ": the database will start on the empty side (and may initialize it)",
                "mount the side that holds the data, or copy the data over before up", m.declared(), false);
    }

    private static ContainerMount at(EngineContainer c, String target) {
        return c.mounts().stream().filter(cm -> target.equals(cm.destination())).findFirst().orElse(null);
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.exists(p)) {
            return true;
        }
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    private static boolean isNonEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isPresent();
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

}
