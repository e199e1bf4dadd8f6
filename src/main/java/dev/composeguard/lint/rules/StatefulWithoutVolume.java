package dev.composeguard.lint.rules;

import dev.composeguard.lint.Finding;
import dev.composeguard.lint.LintContext;
import dev.composeguard.lint.Rule;
import dev.composeguard.lint.Severity;
import dev.composeguard.project.StatefulImages;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * CG106: a known stateful image (postgres, mongo, mysql …) whose data directory is on no named volume or bind
 * mount: it is in an anonymous volume (removed by {@code down -v}, renewed by {@code up -V}) or in the container.
 */
public final class StatefulWithoutVolume implements Rule {
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
    public List<Finding> check(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (Service s : ctx.project().activeServices()) {
            StatefulImages.Kind k = StatefulImages.of(s);
            if (k == null) {
                continue;
            }
            Mount m = StatefulImages.dataMount(s, k);
            if (m != null && (m.isNamedVolume() || m.isBind())) {
                continue;
            }
            String dir = k.dataDirs().get(0);
            Severity sev = k.cacheLike() ? Severity.INFO : defaultSeverity();
            String where = m != null && m.isAnonymousVolume()
                    ? "is an anonymous volume: down -v deletes it and up -V replaces it with an empty one"
                    : "is on no volume: it lives in an anonymous volume or the container and is lost when the container is recreated without it";
            out.add(finding(sev, m != null ? m.declared() : s.source(), "service " + s.name() + " (" + k.family()
                    + ") keeps its data in " + dir + ", which " + where,
                    "mount a named volume with a pinned name on " + dir + " (volumes: [" + s.name() + "_data:" + dir
                            + "] and volumes: {" + s.name() + "_data: {name: <project>_" + s.name() + "_data}})"));
        }
        return out;
    }
}
