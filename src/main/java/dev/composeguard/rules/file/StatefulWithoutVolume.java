package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Service;
import dev.composeguard.project.StatefulImages;
import java.util.List;

/**
 * CG106: a known stateful image (postgres, mongo, mysql …) whose data directory is on no named volume or bind
 * mount: it is in an anonymous volume (removed by {@code down -v}, renewed by {@code up -V}) or in the container.
 * The data directory follows the image's version ({@code postgres:18} keeps it in
 * {@code /var/lib/postgresql/18/docker}) and, when the engine has the image, its real {@code PGDATA}. A volume
 * mounted next to the data directory is CG112's case, not this one.
 */
public final class StatefulWithoutVolume implements FileRule {
    @Override
    public String code() {
        return "CG106";
    }

    @Override
    public String name() {
        return "stateful-without-volume";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A database or other stateful image keeps its data directory on no named volume or bind mount.";
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        PlaceGroups out = new PlaceGroups(this);
        for (Service s : ctx.project().activeServices()) {
            StatefulImages.Kind k = ctx.stateful(s);
            if (k == null) {
                continue;
            }
            DataPlacement p = DataPlacement.of(s, k);
            Mount m = p.dataMount();
            if (m != null && (m.isNamedVolume() || m.isBind()) || !p.misplaced().isEmpty()) {
                continue;
            }
            String dir = k.dataDirs().get(0);
            Severity sev = k.cacheLike() ? Severity.INFO : defaultSeverity();
            String where = m != null && m.isAnonymousVolume()
                    ? "is an anonymous volume: down -v deletes it and up -V replaces it with an empty one"
                    : "is on no volume: it lives in an anonymous volume or the container and is lost when the container is recreated without it";
            String mountAt = k.declaredVolumes().stream().filter(v -> StatefulImages.covers(v, dir)).findFirst()
                    .orElse(dir);
            out.add(sev, m != null ? m.declared() : s.source(), s.name(), " (" + k.label() + ") keeps its data in "
                    + dir + ", which " + where,
                    "mount a named volume with a pinned name on " + mountAt + " (volumes: [" + s.name() + "_data:"
                            + mountAt + "] and volumes: {" + s.name() + "_data: {name: <project>_" + s.name() + "_data}})");
        }
        return out.findings();
    }
}
