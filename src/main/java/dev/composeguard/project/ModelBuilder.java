package dev.composeguard.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a merged (or a single file's) compose tree into the model records. */
final class ModelBuilder {
    private final ComposeFlavor flavor;
    private final ComposeRelease release;
    private final String projectName;
    private final List<String> warnings;

    ModelBuilder(ComposeRelease release, String projectName, List<String> warnings) {
        this.flavor = release.flavor();
        this.release = release;
        this.projectName = projectName;
        this.warnings = warnings;
    }

    Map<String, Service> services(YMap root) throws ProjectLoadException {
        Map<String, Service> out = new LinkedHashMap<>();
        YNode sn = root.get("services");
        if (sn == null || (sn instanceof YScalar s && s.isNull())) {
            return out;
        }
        if (!(sn instanceof YMap services)) {
            throw new ProjectLoadException(sn.source, "services must be a mapping");
        }
        for (Map.Entry<String, YNode> e : services.entries.entrySet()) {
            String name = e.getKey();
            YNode v = e.getValue();
            YMap svc;
            if (v instanceof YMap m) {
                svc = m;
            } else if (v instanceof YScalar s && s.isNull()) {
                svc = new YMap(v.source);
            } else {
                throw new ProjectLoadException(v.source, "services." + name + " must be a mapping");
            }
            out.put(name, service(name, svc, services.keySource(name)));
        }
        return out;
    }

    private Service service(String name, YMap m, Source source) throws ProjectLoadException {
        String image = m.string("image");
        Build build = build(m);
        List<EnvFileRef> envFiles = envFiles(name, m.get("env_file"));
        List<EnvVar> env = environment(m.get("environment"));
        List<Mount> mounts = mounts(name, m.get("volumes"));
        if (flavor == ComposeFlavor.V1) {
            java.util.Set<String> targets = new java.util.HashSet<>();
            for (Mount mt : mounts) {
                if (!targets.add(mt.target())) {
                    throw new ProjectLoadException(mt.declared(), "Duplicate mount points in service \"" + name
                            + "\": " + mt.target());
                }
            }
        }
        List<String> profiles = new ArrayList<>();
        if (m.get("profiles") instanceof YSeq ps) {
            for (YNode p : ps.items) {
                if (p instanceof YScalar s && s.value() != null) {
                    profiles.add(s.value());
                }
            }
        }
        return new Service(name, source, image, build, envFiles, env, mounts, profiles, true,
                m.string("container_name"), m.string("restart"), dependsOn(m.get("depends_on")));
    }

    /** {@code depends_on:} as a list of names or a mapping of name → condition: the names, in order. */
    private static List<String> dependsOn(YNode n) {
        List<String> out = new ArrayList<>();
        if (n instanceof YSeq seq) {
            for (YNode i : seq.items) {
                if (i instanceof YScalar s && s.value() != null) {
                    out.add(s.value());
                }
            }
        } else if (n instanceof YMap m) {
            out.addAll(m.entries.keySet());
        }
        return out;
    }

    private static Build build(YMap m) {
        YNode b = m.get("build");
        if (b == null) {
            return null;
        }
        Source src = m.keySource("build");
        if (b instanceof YScalar s) {
            return s.isNull() ? null : new Build(s.value(), null, null, src, Source.NONE);
        }
        if (b instanceof YMap bm) {
            String ctx = bm.string("context");
            YNode t = bm.get("target");
            String target = t instanceof YScalar ts ? ts.value() : null;
            return new Build(ctx == null ? "." : ctx, bm.string("dockerfile"), target, src,
                    target == null ? Source.NONE : t.source);
        }
        return null;
    }

    private List<EnvFileRef> envFiles(String svc, YNode n) throws ProjectLoadException {
        List<EnvFileRef> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        List<YNode> items = n instanceof YSeq s ? s.items : List.of(n);
        for (YNode i : items) {
            if (i instanceof YScalar s && s.value() != null) {
                out.add(new EnvFileRef(s.raw, Path.of(s.value()), true, null, s.source));
            } else if (i instanceof YMap m) {
                String p = m.string("path");
                if (p == null) {
                    throw new ProjectLoadException(m.source, "services." + svc + ".env_file: path is required");
                }
                String req = m.string("required");
                Boolean required = req == null ? Boolean.TRUE : Scalars.toBoolean(req);
                if (required == null) {
                    throw new ProjectLoadException(m.get("required").source,
                            "services." + svc + ".env_file.required: invalid boolean \"" + req + "\"");
                }
                String format = m.string("format");
                if (format != null && !release.envFileFormat()) {
                    // before 2.30 only the default format exists: compose-go refuses every name
                    throw new ProjectLoadException(m.get("format").source, "unsupported env_file format \"" + format + "\"");
                }
                if (format != null && !format.equals("raw")) {
                    throw new ProjectLoadException(m.get("format").source, "unsupported env_file format " + format);
                }
                YNode pn = m.get("path");
                out.add(new EnvFileRef(((YScalar) pn).raw, Path.of(p), required, format, m.source));
            }
        }
        return out;
    }

    private static List<EnvVar> environment(YNode n) {
        List<EnvVar> out = new ArrayList<>();
        if (n instanceof YMap m) {
            for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
                YNode v = e.getValue();
                Source src = m.keySource(e.getKey());
                if (v instanceof YScalar s && !s.isNull()) {
                    out.add(new EnvVar(e.getKey(), s.value(), s.kind == YScalar.Kind.STR ? s.raw : s.value(), src));
                } else {
                    out.add(new EnvVar(e.getKey(), null, null, src));
                }
            }
        } else if (n instanceof YSeq seq) {
            for (YNode i : seq.items) {
                if (!(i instanceof YScalar s) || s.value() == null) {
                    continue;
                }
                String v = s.value();
                int eq = v.indexOf('=');
                if (eq < 0) {
                    out.add(new EnvVar(v, null, null, s.source));
                } else {
                    int req = s.raw.indexOf('=');
                    out.add(new EnvVar(v.substring(0, eq), v.substring(eq + 1), req < 0 ? v.substring(eq + 1)
                            : s.raw.substring(req + 1), s.source));
                }
            }
        }
        return out;
    }

    private static List<Mount> mounts(String svc, YNode n) throws ProjectLoadException {
        List<Mount> out = new ArrayList<>();
        if (!(n instanceof YSeq seq)) {
            return out;
        }
        for (YNode i : seq.items) {
            if (i instanceof YScalar s && s.value() != null) {
                VolumeSpec v;
                try {
                    v = VolumeSpec.parse(s.value());
                } catch (IllegalArgumentException e) {
                    throw new ProjectLoadException(s.source, "services." + svc + ".volumes: " + e.getMessage());
                }
                out.add(new Mount(v.type(), v.source(), VolumeSpec.cleanPath(v.target()), v.readOnly(), s.source));
            } else if (i instanceof YMap m) {
                String t = m.string("type");
                MountType type;
                try {
                    type = t == null ? MountType.VOLUME : MountType.valueOf(t.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ProjectLoadException(m.get("type").source, "services." + svc
                            + ".volumes: invalid mount type \"" + t + "\"");
                }
                String target = m.string("target");
                if (target == null) {
                    throw new ProjectLoadException(m.source, "services." + svc + ".volumes: target is required");
                }
                String ro = m.string("read_only");
                out.add(new Mount(type, m.string("source"), VolumeSpec.cleanPath(target),
                        Boolean.TRUE.equals(Scalars.toBoolean(ro)), m.source));
            }
        }
        return out;
    }

    Map<String, Volume> volumes(YMap root) throws ProjectLoadException {
        Map<String, Volume> out = new LinkedHashMap<>();
        YNode vn = root.get("volumes");
        if (vn == null || (vn instanceof YScalar s0 && s0.isNull())) {
            return out;
        }
        if (!(vn instanceof YMap vols)) {
            throw new ProjectLoadException(vn.source, "volumes must be a mapping");
        }
        for (Map.Entry<String, YNode> e : vols.entries.entrySet()) {
            out.put(e.getKey(), volume(e.getKey(), e.getValue(), vols.keySource(e.getKey())));
        }
        return out;
    }

    private Volume volume(String key, YNode v, Source declared) throws ProjectLoadException {
        YMap m = v instanceof YMap vm ? vm : new YMap(v.source);
        if (!(v instanceof YMap) && !(v instanceof YScalar s && s.isNull())) {
            throw new ProjectLoadException(v.source, "volumes." + key + " must be a mapping or null");
        }
        String name = m.string("name");
        boolean external = false;
        YNode ext = m.get("external");
        if (ext instanceof YScalar es && !es.isNull()) {
            Boolean b = Scalars.toBoolean(es.value());
            if (b == null) {
                throw new ProjectLoadException(es.source, "volumes." + key + ".external: invalid boolean \""
                        + es.value() + "\"");
            }
            external = b;
            String ev = es.value().toLowerCase(java.util.Locale.ROOT);
            if (flavor == ComposeFlavor.V2 && !ev.equals("true") && !ev.equals("false")) {
                warnings.add(es.source + ": \"" + es.value() + "\" for boolean is not supported by YAML 1.2,"
                        + " please use `true` or `false`");
            }
        } else if (ext instanceof YMap em) {
            external = true;
            String en = em.string("name");
            if (en != null) {
                if (name == null) {
                    name = en;
                }
                warnings.add("volumes." + key + ": external.name is deprecated. Please set name and external: true");
            }
        }
        return new Volume(key, engineName(key, name, external), name != null, external, m.string("driver"),
                labels(m.get("labels")), declared, labels(m.get("driver_opts")));
    }

    /** name:, else the key for an external volume, else project_key (v1 strips the name's leading - and _). */
    private String engineName(String key, String name, boolean external) {
        if (name != null) {
            return name;
        }
        if (external) {
            return key;
        }
        String proj = projectName;
        if (flavor == ComposeFlavor.V1) {
            int k = 0;
            while (k < proj.length() && (proj.charAt(k) == '-' || proj.charAt(k) == '_')) {
                k++;
            }
            proj = proj.substring(k);
        }
        return proj + "_" + key;
    }

    private static Map<String, String> labels(YNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n instanceof YMap m) {
            for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
                String v = e.getValue() instanceof YScalar s ? s.value() : null;
                out.put(e.getKey(), v == null ? "" : v);
            }
        } else if (n instanceof YSeq seq) {
            for (YNode i : seq.items) {
                if (i instanceof YScalar s && s.value() != null) {
                    String v = s.value();
                    int eq = v.indexOf('=');
                    out.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
                }
            }
        }
        return out;
    }
}
