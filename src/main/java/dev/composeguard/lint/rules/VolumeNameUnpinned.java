package dev.composeguard.lint.rules;

import dev.composeguard.lint.Finding;
import dev.composeguard.lint.LintContext;
import dev.composeguard.lint.Rule;
import dev.composeguard.lint.Severity;
import dev.composeguard.project.StatefulImages;
import dev.composeguard.project.Layer;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Service;
import dev.composeguard.project.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CG111: a named volume that holds a stateful service's data has no {@code name:} (and is not external), so its
 * engine name is {@code <project>_<key>} and changes whenever the project name does: compose then creates a new,
 * empty volume.
 */
public final class VolumeNameUnpinned implements Rule {
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
        return "A volume holding a database's data has no explicit name:, so a project rename points at a new, empty volume.";
    }

    @Override
    public List<Finding> check(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Service s : ctx.project().activeServices()) {
            StatefulImages.Kind k = StatefulImages.of(s);
            if (k == null || k.cacheLike()) {
                continue; // a cache (redis) that starts empty after a rename is not data loss
            }
            // The merged mounts, and each loaded file's own: a volume that holds the data when the base file is
            // deployed alone counts even when this selection's override binds the path elsewhere (CG105 says so).
            List<Mount> mounts = new ArrayList<>(s.mounts());
            for (Layer layer : ctx.project().layers()) {
                Service part = layer.services().get(s.name());
                if (part != null) {
                    mounts.addAll(part.mounts());
                }
            }
            for (Mount m : mounts) {
                if (!m.isNamedVolume() || m.target() == null
                        || k.dataDirs().stream().noneMatch(d -> StatefulImages.covers(m.target(), d))) {
                    continue;
                }
                Volume v = ctx.project().volumes().get(m.source());
                if (v == null || v.explicitName() || v.external() || !seen.add(v.key())) {
                    continue;
                }
                var at = v.source().isKnown() ? v.source() : m.declared();
                out.add(finding(at, "volume " + v.key() + " holds " + s.name() + "'s " + m.target()
                        + " but has no name:; its engine name " + v.engineName()
                        + " changes whenever the project name does, and compose then starts on a new, empty volume",
                        "add name: " + v.engineName() + " under volumes: " + v.key()
                                + " (the current engine name, so the existing data stays attached)"));
            }
        }
        return out;
    }
}
