package dev.composeguard.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges compose YAML trees the way compose-go v2 does ({@code override/merge.go}, {@code uncity.go}): mappings
 * merge recursively, scalars are replaced, sequences are appended, with compose's special cases (§6.2) and
 * uniqueness by key after each merge (§6.3: volumes by target, ports, env_file by path …); {@code !reset}
 * removes what earlier files set, {@code !override} replaces it without merging.
 */
final class Merger {
    /** docker-compose 1.x keyed volumes by the target as written (no path cleaning). */
    private final boolean rawTargets;

    private Merger(boolean rawTargets) {
        this.rawTargets = rawTargets;
    }

    static Merger of(ComposeFlavor flavor) {
        return new Merger(flavor == ComposeFlavor.V1);
    }

    private static final Set<String> REPLACED = Set.of("command", "entrypoint");
    private static final Set<String> TO_SEQUENCE = Set.of("environment", "labels", "annotations", "sysctls", "tmpfs",
            "dns", "dns_opt", "dns_search", "env_file", "label_file");
    private static final Set<String> UNIQUE_BY_VALUE = Set.of("expose", "cap_add", "cap_drop", "profiles", "links",
            "extra_hosts");

    /** Merges {@code over} into {@code base} (both top-level compose mappings); returns the result (base, mutated). */
    static YMap mergeTop(YMap base, YMap over) throws ProjectLoadException {
        return new Merger(false).top(base, over);
    }

    YMap top(YMap base, YMap over) throws ProjectLoadException {
        return (YMap) merge(base, over, new String[0]);
    }

    /** Merges two service mappings (used by extends, base first). */
    static YMap mergeService(YMap base, YMap over, String name) throws ProjectLoadException {
        return new Merger(false).service(base, over, name);
    }

    YMap service(YMap base, YMap over, String name) throws ProjectLoadException {
        return (YMap) merge(base, over, new String[] {"services", name});
    }

    /** Drops {@code !reset} entries from a tree that has nothing to reset (a first file, an extends base …). */
    static void stripResets(YNode n) {
        if (n instanceof YMap m) {
            List<String> drop = new ArrayList<>();
            for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
                if (e.getValue().tag == YNode.Tag.RESET) {
                    drop.add(e.getKey());
                } else {
                    e.getValue().tag = e.getValue().tag == YNode.Tag.OVERRIDE ? YNode.Tag.NONE : e.getValue().tag;
                    stripResets(e.getValue());
                }
            }
            drop.forEach(m::remove);
        } else if (n instanceof YSeq s) {
            s.items.removeIf(i -> i.tag == YNode.Tag.RESET);
            for (YNode i : s.items) {
                stripResets(i);
            }
        }
    }

    private YNode merge(YNode base, YNode over, String[] p) throws ProjectLoadException {
        if (over.tag == YNode.Tag.OVERRIDE) {
            YNode c = over.copy();
            stripResets(c);
            c.tag = YNode.Tag.NONE;
            return c;
        }
        if (over instanceof YScalar s && s.isNull()) {
            return base;
        }
        // services.<name>.<key>
        if (p.length == 3 && p[0].equals("services")) {
            YNode merged = serviceKey(base, over, p);
            if (merged != null) {
                return merged;
            }
        }
        if (p.length == 4 && p[0].equals("services") && p[2].equals("healthcheck") && p[3].equals("test")) {
            return clean(over);
        }
        if (p.length == 4 && p[0].equals("services") && p[2].equals("build#")
                && (p[3].equals("args") || p[3].equals("labels"))) {
            YSeq merged = toSequence(base, p[3]);
            merged.items.addAll(toSequence(clean(over), p[3]).items);
            return unique(merged, "labels");
        }
        if (base instanceof YMap b) {
            return mergeMap(b, over, p);
        }
        if (base instanceof YSeq b) {
            if (!(over instanceof YSeq o)) {
                throw new ProjectLoadException(over.source, "cannot override " + display(p));
            }
            b.items.addAll(((YSeq) clean(o)).items);
            return b;
        }
        return clean(over);
    }

    /** The compose-specific rules for {@code services.<name>.<key>}; null when the generic merge applies. */
    private YNode serviceKey(YNode base, YNode over, String[] p) throws ProjectLoadException {
        String key = p[2];
        if (REPLACED.contains(key)) {
            return clean(over);
        }
        if (TO_SEQUENCE.contains(key)) {
            YSeq merged = toSequence(base, key);
            merged.items.addAll(toSequence(clean(over), key).items);
            return unique(merged, key);
        }
        if (key.equals("build")) {
            return merge(buildMap(base), buildMap(over), child(p, "build#"));
        }
        if (key.equals("depends_on") || key.equals("networks")) {
            return merge(listToMap(base), listToMap(over), child(p, key + "#"));
        }
        if (key.equals("logging") && base instanceof YMap b && over instanceof YMap o) {
            String bd = b.string("driver");
            String od = o.string("driver");
            if (bd != null && od != null && !bd.equals(od)) {
                return clean(over);
            }
        }
        if (base instanceof YSeq && over instanceof YSeq) {
            YSeq merged = (YSeq) base;
            merged.items.addAll(((YSeq) clean(over)).items);
            return unique(merged, key);
        }
        return null;
    }

    private YMap mergeMap(YMap b, YNode over, String[] p) throws ProjectLoadException {
        if (!(over instanceof YMap o)) {
            throw new ProjectLoadException(over.source, "cannot override " + display(p));
        }
        for (Map.Entry<String, YNode> e : o.entries.entrySet()) {
            String k = e.getKey();
            YNode v = e.getValue();
            if (v.tag == YNode.Tag.RESET) {
                b.remove(k);
                continue;
            }
            YNode existing = b.get(k);
            if (existing == null) {
                b.put(k, clean(v), o.keySource(k));
            } else {
                b.entries.put(k, merge(existing, v, child(p, k)));
            }
        }
        return b;
    }

    private static String[] child(String[] p, String k) {
        String[] c = java.util.Arrays.copyOf(p, p.length + 1);
        c[p.length] = k;
        return c;
    }

    private static String display(String[] p) {
        return String.join(".", p).replace("#", "");
    }

    /** A copy of a subtree from a later file with its own resets applied (nothing earlier to reset). */
    private static YNode clean(YNode n) {
        YNode c = n.copy();
        stripResets(c);
        c.tag = YNode.Tag.NONE;
        return c;
    }

    private static YNode buildMap(YNode n) {
        if (n instanceof YScalar s && !s.isNull()) {
            YMap m = new YMap(s.source);
            m.put("context", s, s.source);
            return m;
        }
        return n;
    }

    private static YNode listToMap(YNode n) {
        if (n instanceof YSeq s) {
            YMap m = new YMap(s.source);
            for (YNode i : s.items) {
                if (i instanceof YScalar sc && sc.value() != null) {
                    m.put(sc.value(), new YMap(sc.source), sc.source);
                }
            }
            return m;
        }
        return n;
    }

    /** environment/labels/… as a sequence: a map becomes sorted K=V strings, a scalar a one-item list. */
    static YSeq toSequence(YNode n, String key) {
        if (n instanceof YSeq s) {
            return s;
        }
        YSeq out = new YSeq(n.source);
        if (n instanceof YMap m) {
            TreeMap<String, YNode> sorted = new TreeMap<>(m.entries);
            for (Map.Entry<String, YNode> e : sorted.entrySet()) {
                YNode v = e.getValue();
                if (v instanceof YScalar sc && !sc.isNull()) {
                    YScalar item = new YScalar(e.getKey() + "=" + sc.value(), YScalar.Kind.STR, m.keySource(e.getKey()));
                    out.items.add(item);
                } else if (v instanceof YScalar) {
                    out.items.add(YScalar.str(e.getKey(), m.keySource(e.getKey())));
                } else {
                    out.items.add(v);
                }
            }
        } else if (n instanceof YScalar sc && !sc.isNull()) {
            out.items.add(sc);
        }
        return out;
    }

    /** Uniqueness after a merge: a later entry with the same key replaces the earlier one in place. */
    YSeq unique(YSeq seq, String field) {
        LinkedHashMap<String, YNode> byKey = new LinkedHashMap<>();
        List<YNode> keyless = new ArrayList<>();
        for (YNode item : seq.items) {
            String k = uniqueKey(item, field);
            if (k == null) {
                keyless.add(item);
                byKey.put("\u0000" + keyless.size(), item);
            } else {
                byKey.put(k, item); // keeps first position, later value
            }
        }
        seq.items.clear();
        seq.items.addAll(byKey.values());
        return seq;
    }

    private String uniqueKey(YNode item, String field) {
        switch (field) {
            case "volumes":
                return rawTargets ? rawVolumeTarget(item) : volumeTarget(item);
            case "devices":
                if (item instanceof YScalar s && s.value() != null) {
                    String[] parts = s.value().split(":");
                    return parts.length > 1 ? parts[1] : parts[0];
                }
                return item instanceof YMap m ? m.string("target") : null;
            case "environment":
            case "labels":
            case "annotations":
            case "sysctls":
                if (item instanceof YScalar s && s.value() != null) {
                    String v = s.value();
                    int eq = v.indexOf('=');
                    return eq < 0 ? v : v.substring(0, eq);
                }
                return null;
            case "env_file":
            case "label_file":
                if (item instanceof YScalar s) {
                    return s.value();
                }
                return item instanceof YMap m ? m.string("path") : null;
            case "ports":
                if (item instanceof YScalar s) {
                    return s.value();
                }
                if (item instanceof YMap m) {
                    String ip = m.string("host_ip");
                    String proto = m.string("protocol");
                    return (ip == null ? "0.0.0.0" : ip) + ":" + m.string("published") + ":" + m.string("target")
                            + "/" + (proto == null ? "tcp" : proto);
                }
                return null;
            case "secrets":
            case "configs":
                String prefix = field.equals("secrets") ? "/run/secrets/" : "/";
                if (item instanceof YScalar s) {
                    return prefix + s.value();
                }
                if (item instanceof YMap m) {
                    String t = m.string("target");
                    return t != null ? t : prefix + m.string("source");
                }
                return null;
            default:
                if (UNIQUE_BY_VALUE.contains(field) || field.equals("dns") || field.equals("dns_opt")
                        || field.equals("dns_search") || field.equals("tmpfs")) {
                    return item instanceof YScalar s ? s.value() : null;
                }
                return null;
        }
    }

    static String rawVolumeTarget(YNode item) {
        if (item instanceof YScalar s && s.value() != null) {
            try {
                return VolumeSpec.parse(s.value()).target();
            } catch (IllegalArgumentException e) {
                return s.value();
            }
        }
        return item instanceof YMap m ? m.string("target") : null;
    }

    static String volumeTarget(YNode item) {
        if (item instanceof YScalar s && s.value() != null) {
            try {
                return VolumeSpec.cleanPath(VolumeSpec.parse(s.value()).target());
            } catch (IllegalArgumentException e) {
                return s.value();
            }
        }
        if (item instanceof YMap m) {
            String t = m.string("target");
            return t == null ? null : VolumeSpec.cleanPath(t);
        }
        return null;
    }
}
