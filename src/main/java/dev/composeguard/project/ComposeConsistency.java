package dev.composeguard.project;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * compose v2's consistency checks on the merged model (compose-go {@code checkConsistency}), with compose's own
 * messages: a service needs an image or a build; secrets, configs, networks and {@code depends_on} services it
 * names must exist (a {@code depends_on} one even with {@code required: false}); {@code depends_on} has no cycle; {@code platform} is one of {@code build.platforms}. The same in
 * 2.26.1 and 2.40.3 (both checked). Undefined volumes are refused where mounts are built (ProjectLoader).
 */
final class ComposeConsistency {

    private ComposeConsistency() {
    }

    static void check(YMap model) throws ProjectLoadException {
        YMap services = model.map("services");
        if (services == null) {
            return;
        }
        Map<String, List<String>> deps = new LinkedHashMap<>();
        Map<String, Source> depSources = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : services.entries.entrySet()) {
            if (!(e.getValue() instanceof YMap svc)) {
                continue; // a null service is the schema's refusal
            }
            String name = e.getKey();
            imageOrBuild(name, svc, services.keySource(name));
            references(name, svc, "secrets", "secret", model.map("secrets"));
            references(name, svc, "configs", "config", model.map("configs"));
            networks(name, svc, model.map("networks"));
            platform(svc);
            deps.put(name, dependencies(name, svc, services, depSources));
        }
        cycles(deps, depSources);
    }

    private static void imageOrBuild(String name, YMap svc, Source at) throws ProjectLoadException {
        String image = svc.string("image");
        YNode build = svc.get("build");
        if ((image == null || image.isEmpty()) && (build == null || build instanceof YScalar s && s.isNull())) {
            throw new ProjectLoadException(at, "service \"" + name
                    + "\" has neither an image nor a build context specified: invalid compose project");
        }
    }

    /** {@code secrets:} / {@code configs:} entries: a name, or a mapping with {@code source}. */
    private static void references(String name, YMap svc, String key, String what, YMap defined)
            throws ProjectLoadException {
        if (!(svc.get(key) instanceof YSeq seq)) {
            return;
        }
        for (YNode item : seq.items) {
            String ref = item instanceof YScalar s ? s.value() : item instanceof YMap m ? m.string("source") : null;
            if (ref != null && (defined == null || defined.get(ref) == null)) {
                throw new ProjectLoadException(item.source, "service \"" + name + "\" refers to undefined " + what + " "
                        + ref + ": invalid compose project");
            }
        }
    }

    private static void networks(String name, YMap svc, YMap defined) throws ProjectLoadException {
        YNode n = svc.get("networks");
        List<String> refs = new ArrayList<>();
        List<Source> at = new ArrayList<>();
        if (n instanceof YSeq seq) {
            for (YNode item : seq.items) {
                if (item instanceof YScalar s && s.value() != null) {
                    refs.add(s.value());
                    at.add(s.source);
                }
            }
        } else if (n instanceof YMap map) {
            for (String k : map.entries.keySet()) {
                refs.add(k);
                at.add(map.keySource(k));
            }
        }
        for (int i = 0; i < refs.size(); i++) {
            String ref = refs.get(i);
            if (!ref.equals("default") && (defined == null || defined.get(ref) == null)) {
                throw new ProjectLoadException(at.get(i), "service \"" + name + "\" refers to undefined network " + ref
                        + ": invalid compose project");
            }
        }
    }

    private static void platform(YMap svc) throws ProjectLoadException {
        String platform = svc.string("platform");
        YMap build = svc.map("build");
        if (platform == null || platform.isEmpty() || build == null || !(build.get("platforms") instanceof YSeq ps)
                || ps.items.isEmpty()) {
            return;
        }
        for (YNode p : ps.items) {
            if (p instanceof YScalar s && platform.equals(s.value())) {
                return;
            }
        }
        throw new ProjectLoadException(svc.keySource("platform"), "service.build.platforms MUST include"
                + " service.platform \"" + platform + "\": invalid compose project");
    }

    /** {@code depends_on} as a list or a mapping; an undefined service is refused. */
    private static List<String> dependencies(String name, YMap svc, YMap services, Map<String, Source> sources)
            throws ProjectLoadException {
        List<String> out = new ArrayList<>();
        YNode n = svc.get("depends_on");
        Map<String, Source> refs = new LinkedHashMap<>();
        if (n instanceof YSeq seq) {
            for (YNode item : seq.items) {
                if (item instanceof YScalar s && s.value() != null) {
                    refs.put(s.value(), s.source);
                }
            }
        } else if (n instanceof YMap map) {
            for (Map.Entry<String, YNode> e : map.entries.entrySet()) {
                refs.put(e.getKey(), map.keySource(e.getKey()));
            }
        }
        for (Map.Entry<String, Source> r : refs.entrySet()) {
            if (services.get(r.getKey()) == null) {
                // even with `required: false`: 2.26.1 and 2.40.3 both refuse an undefined one while loading
                throw new ProjectLoadException(r.getValue(), "service \"" + name + "\" depends on undefined service \""
                        + r.getKey() + "\": invalid compose project");
            }
            out.add(r.getKey());
            sources.putIfAbsent(name + "->" + r.getKey(), r.getValue());
        }
        return out;
    }

    /** A cycle in {@code depends_on}, reported like compose: {@code dependency cycle detected: a -> b -> a}. */
    private static void cycles(Map<String, List<String>> deps, Map<String, Source> sources) throws ProjectLoadException {
        Set<String> done = new HashSet<>();
        for (String start : deps.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> cycle = visit(start, deps, done, path, new HashSet<>());
            if (cycle != null) {
                String last = cycle.get(cycle.size() - 2);
                throw new ProjectLoadException(sources.getOrDefault(last + "->" + cycle.get(cycle.size() - 1),
                        Source.NONE), "dependency cycle detected: " + String.join(" -> ", cycle));
            }
        }
    }

    private static List<String> visit(String s, Map<String, List<String>> deps, Set<String> done, List<String> path,
            Set<String> onPath) {
        if (onPath.contains(s)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(s), path.size()));
            cycle.add(s);
            return cycle;
        }
        if (!done.add(s)) {
            return null;
        }
        path.add(s);
        onPath.add(s);
        for (String d : deps.getOrDefault(s, List.of())) {
            List<String> c = visit(d, deps, done, path, onPath);
            if (c != null) {
                return c;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(s);
        return null;
    }
}
