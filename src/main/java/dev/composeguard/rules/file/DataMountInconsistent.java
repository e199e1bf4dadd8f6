package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.StatefulImages;
import dev.composeguard.project.Layer;
import dev.composeguard.project.Mount;
import dev.composeguard.project.MountType;
import dev.composeguard.project.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CG105: the same service's data path is a named volume in one compose file and a bind mount (or another volume)
 * in another: in the loaded files (error), or between this selection and another environment's compose file in
 * the project directory (warning). The outage: {@code /data/db} a named volume in the base file and a bind mount in
 * the prod file.
 */
public final class DataMountInconsistent implements FileRule {
    @Override
    public String code() {
        return "CG105";
    }

    @Override
    public String name() {
        return "data-mount-inconsistent";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A service's data path is a named volume in one compose file and a bind mount or another volume in another.";
    }

    private record Placed(Layer layer, Mount mount) {
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        acrossLoadedFiles(ctx, reported, out);
        againstOtherEnvironments(ctx, reported, out);
        return out;
    }

    /** 1. Across the loaded files: the last file's mount of a data path against an earlier, different one. */
    private void acrossLoadedFiles(FileContext ctx, Set<String> reported, List<Finding> out) {
        Map<String, Service> merged = ctx.project().services();
        for (String svc : merged.keySet()) {
            Map<String, List<Placed>> byTarget = new LinkedHashMap<>();
            for (Layer layer : ctx.project().layers()) {
                Service part = layer.services().get(svc);
                if (part == null) {
                    continue;
                }
                for (Mount m : part.mounts()) {
                    if (m.target() != null) {
                        byTarget.computeIfAbsent(clean(m.target()), k -> new ArrayList<>()).add(new Placed(layer, m));
                    }
                }
            }
            for (var e : byTarget.entrySet()) {
                List<Placed> ps = e.getValue();
                if (ps.size() < 2) {
                    continue;
                }
                Placed last = ps.get(ps.size() - 1);
                Placed other = null;
                for (int i = ps.size() - 2; i >= 0; i--) {
                    if (!signature(ps.get(i).mount()).equals(signature(last.mount()))) {
                        other = ps.get(i);
                        break;
                    }
                }
                if (other == null || !isData(merged.get(svc), e.getKey(), last.mount(), other.mount())) {
                    continue;
                }
                reported.add(svc + "|" + e.getKey());
                out.add(finding(last.mount().declared(), "service " + svc + "'s " + e.getKey() + " is "
                        + describe(ctx, last.mount()) + " in " + ctx.rel(last.layer().file().path()) + " but "
                        + describe(ctx, other.mount()) + " in " + ctx.at(other.mount().declared())
                        + ": the data lives in a different place depending on which files are loaded",
                        "keep the data path's mount in one file (the base), or make every file use the same named volume"));
            }
        }
    }

    /** 2. Against the other environments' compose files in the project directory. */
    private void againstOtherEnvironments(FileContext ctx, Set<String> reported, List<Finding> out) {
        Map<String, Service> merged = ctx.project().services();
        for (FileContext.SiblingLayer sib : ctx.siblingLayers()) {
            for (var se : sib.layer().services().entrySet()) {
                Service eff = merged.get(se.getKey());
                if (eff == null) {
                    continue;
                }
                for (Mount sm : se.getValue().mounts()) {
                    if (sm.target() == null) {
                        continue;
                    }
                    String target = clean(sm.target());
                    if (reported.contains(se.getKey() + "|" + target)) {
                        continue;
                    }
                    Mount em = eff.mounts().stream().filter(m -> m.target() != null && clean(m.target()).equals(target))
                            .findFirst().orElse(null);
                    if (em == null) {
                        if (!(sm.isNamedVolume() && StatefulImages.isDataPath(eff, target))) {
                            continue;
                        }
                    } else if (signature(em).equals(signature(sm)) || !isData(eff, target, em, sm)) {
                        continue;
                    }
                    reported.add(se.getKey() + "|" + target);
                    String here = em == null ? "not mounted (the data stays in the container)" : describe(ctx, em)
                            + (em.declared().isKnown() ? " (" + ctx.at(em.declared()) + ")" : "");
                    out.add(finding(Severity.WARNING, sm.declared(), "service " + se.getKey() + "'s " + target + " is "
                            + describe(ctx, sm) + " in the " + sib.environment() + " file "
                            + ctx.rel(sib.layer().file().path()) + " but " + here + " in this selection: the "
                            + "environments keep their data in different places",
                            "use the same kind of mount for the data path in every environment's file"));
                }
            }
        }
    }

    private static boolean isData(Service merged, String target, Mount a, Mount b) {
        return a.isNamedVolume() || b.isNamedVolume() || (merged != null && StatefulImages.isDataPath(merged, target));
    }

    private static String clean(String p) {
        String s = p.trim();
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static String signature(Mount m) {
        if (m.isNamedVolume()) {
            return "volume:" + m.source();
        }
        if (m.isAnonymousVolume()) {
            return "anonymous";
        }
        if (m.type() == MountType.BIND) {
            return "bind:" + (m.source() == null ? "" : java.nio.file.Path.of(m.source()).normalize());
        }
        return m.type().name();
    }

    static String describe(FileContext ctx, Mount m) {
        if (m.isNamedVolume()) {
            return "named volume " + m.source();
        }
        if (m.isAnonymousVolume()) {
            return "an anonymous volume";
        }
        if (m.type() == MountType.BIND) {
            return "a bind mount of " + (m.source() == null ? "?" : ctx.rel(java.nio.file.Path.of(m.source())));
        }
        return "a " + m.type().name().toLowerCase(java.util.Locale.ROOT) + " mount";
    }
}
