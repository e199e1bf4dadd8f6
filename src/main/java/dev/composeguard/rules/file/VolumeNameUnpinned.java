package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.Layer;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Service;
import dev.composeguard.project.StatefulImages;
import dev.composeguard.project.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CG111: a named volume that holds data has no {@code name:} (and is not external), so its engine name is
 * {@code <project>_<key>} and changes whenever the project name does: compose then creates a new, empty volume.
 * A database's data directory is a warning; any other volume a long-running service mounts read-write (uploads,
 * media, key stores, an application's own directory) is reported at info level, once per volume, unless its path
 * is a cache, temporary or log directory.
 */
public final class VolumeNameUnpinned implements FileRule {
    /** Path segments of throw-away data: starting empty after a rename loses nothing. */
    private static final Pattern CACHE = Pattern.compile(
            "(^|/)([^/]*cache[^/]*|tmp|temp|\\.npm|\\.yarn|node_modules|logs?|run|pids?|sockets?)(/|$)");

    @Override
    public String code() {
        return "CG111";
    }

    @Override
    public String name() {
        return "volume-name-unpinned";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A volume holding a database's or an application's data has no explicit name:, so a project rename "
                + "points at a new, empty volume.";
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Service s : ctx.project().activeServices()) {
            StatefulImages.Kind k = ctx.stateful(s);
            if (k == null || k.cacheLike()) {
                continue; // a cache (redis) that starts empty after a rename is not data loss
            }
            for (Mount m : withLayerMounts(ctx, s)) {
                if (!m.isNamedVolume() || !meantForData(k, m.target())) {
                    continue;
                }
                Volume v = unpinned(ctx, m);
                if (v == null || !seen.add(v.key())) {
                    continue;
                }
                out.add(finding(at(v, m), "volume " + v.key() + " holds " + s.name() + "'s " + m.target()
                        + " (" + k.label() + ") but has no name:; its engine name " + v.engineName()
                        + " changes whenever the project name does, and compose then starts on a new, empty volume",
                        hint(v)));
            }
        }
        out.addAll(applicationData(ctx, seen));
        return out;
    }

    /** Volumes long-running services write to that are not a database's: one info finding per volume. */
    private List<Finding> applicationData(FileContext ctx, Set<String> seen) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        Map<String, Mount> first = new LinkedHashMap<>();
        for (Service s : ctx.project().activeServices()) {
            StatefulImages.Kind k = ctx.stateful(s);
            if (!s.longRunning() || k != null && k.cacheLike()) {
                continue;
            }
            for (Mount m : s.mounts()) {
                if (!m.isNamedVolume() || m.readOnly() || m.target() == null || seen.contains(m.source())
                        || CACHE.matcher(m.target().toLowerCase(Locale.ROOT)).find() || unpinned(ctx, m) == null) {
                    continue;
                }
                first.putIfAbsent(m.source(), m);
                List<String> u = users.computeIfAbsent(m.source(), x -> new ArrayList<>());
                if (!u.contains(s.name())) {
                    u.add(s.name());
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        users.forEach((key, services) -> {
            Volume v = ctx.project().volumes().get(key);
            Mount m = first.get(key);
            out.add(finding(Severity.INFO, at(v, m), "volume " + key + " holds application data at "
                    + m.target() + " (" + PlaceGroups.subject(services) + ") but has no name:; its engine name "
                    + v.engineName() + " changes whenever the project name does, and a renamed project starts without it",
                    hint(v)));
        });
        return out;
    }

    /** On a data directory, or inside the image VOLUME that holds it (misplaced there: CG112 says so, but it is the data volume). */
    private static boolean meantForData(StatefulImages.Kind k, String target) {
        return StatefulImages.isDataPath(k, target) || target != null && k.declaredVolumes().stream()
                .anyMatch(v -> StatefulImages.covers(v, target) && StatefulImages.isDataPath(k, v));
    }

    /** The merged mounts and each loaded file's own: a volume that holds the data when the base file is deployed alone counts. */
    private static List<Mount> withLayerMounts(FileContext ctx, Service s) {
        List<Mount> mounts = new ArrayList<>(s.mounts());
        for (Layer layer : ctx.project().layers()) {
            Service part = layer.services().get(s.name());
            if (part != null) {
                mounts.addAll(part.mounts());
            }
        }
        return mounts;
    }

    private static Volume unpinned(FileContext ctx, Mount m) {
        Volume v = ctx.project().volumes().get(m.source());
        return v == null || v.explicitName() || v.external() ? null : v;
    }

    private static dev.composeguard.project.Source at(Volume v, Mount m) {
        return v.source().isKnown() ? v.source() : m.declared();
    }

    private static String hint(Volume v) {
        return "add name: " + v.engineName() + " under volumes: " + v.key()
                + " (the current engine name, so the existing data stays attached)";
    }
}
