package dev.composeguard.project;

import java.nio.file.Path;
import java.util.Map;

/** Relative bind sources, env_file paths and build contexts become absolute against a file's directory. */
final class PathResolver {
    private PathResolver() {
    }

    static void resolve(YMap tree, Path dir, Map<String, String> os) {
        YMap services = tree.map("services");
        if (services == null) {
            return;
        }
        for (YNode sn : services.entries.values()) {
            if (sn instanceof YMap svc) {
                volumes(svc, dir, os);
                envFiles(svc, dir, os);
                build(svc, dir, os);
            }
        }
    }

    private static void volumes(YMap svc, Path dir, Map<String, String> os) {
        if (!(svc.get("volumes") instanceof YSeq vols)) {
            return;
        }
        for (int i = 0; i < vols.items.size(); i++) {
            YNode v = vols.items.get(i);
            if (v instanceof YScalar s && s.value() != null) {
                try {
                    VolumeSpec spec = VolumeSpec.parse(s.value());
                    if (spec.type() == MountType.BIND && spec.source() != null
                            && !spec.source().startsWith("/") && !LoaderPaths.isWindowsAbsolute(spec.source())
                            && !(spec.source().length() > 1 && spec.source().charAt(1) == ':')) {
                        String abs = LoaderPaths.absolute(dir, spec.source(), os).toString();
                        vols.items.set(i, s.withText(abs + s.value().substring(spec.source().length())));
                    }
                } catch (IllegalArgumentException e) {
                    // reported when the model is built
                }
            } else if (v instanceof YMap m && "bind".equals(m.string("type"))) {
                YNode src = m.get("source");
                if (src instanceof YScalar s && s.value() != null && !s.value().startsWith("/")
                        && !LoaderPaths.isWindowsAbsolute(s.value())) {
                    m.entries.put("source", s.withText(LoaderPaths.absolute(dir, s.value(), os).toString()));
                }
            }
        }
    }

    private static void envFiles(YMap svc, Path dir, Map<String, String> os) {
        YNode ef = svc.get("env_file");
        if (ef instanceof YScalar s && s.value() != null) {
            svc.entries.put("env_file", s.withText(LoaderPaths.absolute(dir, s.value(), os).toString()));
        } else if (ef instanceof YSeq seq) {
            for (int i = 0; i < seq.items.size(); i++) {
                YNode item = seq.items.get(i);
                if (item instanceof YScalar s && s.value() != null) {
                    seq.items.set(i, s.withText(LoaderPaths.absolute(dir, s.value(), os).toString()));
                } else if (item instanceof YMap m && m.get("path") instanceof YScalar s && s.value() != null) {
                    m.entries.put("path", s.withText(LoaderPaths.absolute(dir, s.value(), os).toString()));
                }
            }
        }
    }

    private static void build(YMap svc, Path dir, Map<String, String> os) {
        YNode b = svc.get("build");
        if (b instanceof YScalar s && s.value() != null && !LoaderPaths.isRemote(s.value())) {
            svc.entries.put("build", s.withText(LoaderPaths.absolute(dir, s.value(), os).toString()));
        } else if (b instanceof YMap bm) {
            YNode c = bm.get("context");
            if (c instanceof YScalar s && s.value() != null && !LoaderPaths.isRemote(s.value())) {
                bm.entries.put("context", s.withText(LoaderPaths.absolute(dir, s.value(), os).toString()));
            } else if (c == null) {
                bm.put("context", YScalar.str(dir.toString(), bm.source), bm.source);
            }
        }
    }
}
