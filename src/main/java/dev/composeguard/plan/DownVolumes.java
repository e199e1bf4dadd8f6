package dev.composeguard.plan;

import dev.composeguard.engine.EngineReads;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.project.Volume;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The top-level volumes {@code down -v} removes by name, per compose release (checked on the real binaries):
 * <ul>
 * <li>2.40+: the named services (their profiles enabled) and their {@code depends_on} closure; no name: every
 *     active service.</li>
 * <li>older v2 (2.26.1): every active service's volumes plus the named services', whatever is named.</li>
 * <li>{@code --all-resources}: every declared non-external volume.</li>
 * <li>v1: every declared non-external volume, under its legacy name ({@code <project without - and _>_<key>}) when
 *     a volume of that name exists (1.29's {@code Volume.true_name}).</li>
 * </ul>
 */
final class DownVolumes {
    private DownVolumes() {
    }

    /** The volumes and the engine names compose removes them by. */
    record Target(Volume volume, String engineName) {
    }

    static List<Target> of(Project project, ComposeRules rules, boolean allResources, List<String> services,
            EngineReads engine) {
        List<Target> out = new ArrayList<>();
        if (rules.prefersLegacyVolumeNames()) {
            for (Volume v : project.volumes().values()) {
                if (!v.external()) {
                    out.add(new Target(v, v1Name(v, project.name().value(), engine)));
                }
            }
            return out;
        }
        Set<String> keys = new LinkedHashSet<>();
        if (allResources) {
            keys.addAll(project.volumes().keySet());
        } else {
            for (String s : services(project, rules, services)) {
                Service svc = project.services().get(s);
                if (svc == null) {
                    continue;
                }
                for (Mount m : svc.mounts()) {
                    if (m.isNamedVolume()) {
                        keys.add(m.source());
                    }
                }
            }
        }
        for (String k : keys) {
            Volume v = project.volumes().get(k);
            if (v != null && !v.external()) {
                out.add(new Target(v, v.engineName()));
            }
        }
        return out;
    }

    /** Services whose volumes {@code down -v} removes. */
    static Set<String> services(Project project, ComposeRules rules, List<String> named) {
        Set<String> out = new LinkedHashSet<>();
        if (named.isEmpty() || !rules.downNarrowsToNamedServices()) {
            project.activeServices().forEach(s -> out.add(s.name()));
        }
        out.addAll(closure(project, named));
        return out;
    }

    /** The named services and everything they depend on, transitively. */
    static Set<String> closure(Project project, List<String> named) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(named);
        while (!todo.isEmpty()) {
            String s = todo.pop();
            if (out.add(s)) {
                Service svc = project.services().get(s);
                if (svc != null) {
                    todo.addAll(svc.dependsOn());
                }
            }
        }
        return out;
    }

    /** v1 1.29: the legacy name when a volume of that name exists, else {@code <project.lstrip('-_')>_<key>}. */
    static String v1Name(Volume v, String project, EngineReads engine) {
        if (v.explicitName()) {
            return v.engineName();
        }
        String legacy = legacyName(project, v.key());
        return engine.volume(legacy).isPresent() ? legacy : v.engineName();
    }

    static String legacyName(String project, String key) {
        return project.replace("-", "").replace("_", "") + "_" + key;
    }
}
