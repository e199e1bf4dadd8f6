package dev.composeguard.lint.rules;

import dev.composeguard.lint.Finding;
import dev.composeguard.lint.LintContext;
import dev.composeguard.lint.Rule;
import dev.composeguard.lint.Severity;
import dev.composeguard.project.StatefulImages;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Service;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CG107: a bind mount's host path does not exist. Docker creates it empty, and a database mounted there
 * initializes a blank data directory: an error for data paths, a warning otherwise.
 */
public final class BindSourceMissing implements Rule {
    private static final List<String> RUNTIME = List.of("/proc", "/sys", "/dev", "/run", "/var/run");

    @Override
    public String code() {
        return "CG107";
    }

    @Override
    public String name() {
        return "bind-source-missing";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A bind mount's host path does not exist; Docker creates it empty and a database starts blank.";
    }

    @Override
    public List<Finding> check(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Service s : ctx.project().activeServices()) {
            for (Mount m : s.mounts()) {
                if (!m.isBind() || m.source() == null || m.source().isEmpty() || m.source().contains("$")) {
                    continue;
                }
                Path p;
                try {
                    p = Path.of(m.source());
                } catch (InvalidPathException e) {
                    continue;
                }
                if (!p.isAbsolute()) {
                    p = ctx.project().workingDir().resolve(p);
                }
                p = p.normalize();
                if (runtimePath(p) || ctx.exists(p) || !seen.add(s.name() + "|" + p)) {
                    continue;
                }
                boolean data = StatefulImages.isDataPath(s, m.target());
                String msg = "service " + s.name() + " bind-mounts " + ctx.rel(p) + " on " + m.target()
                        + ", which does not exist: Docker creates it empty"
                        + (data ? " and " + StatefulImages.of(s).family() + " initializes a blank database in it" : "");
                out.add(finding(data ? Severity.ERROR : Severity.WARNING, m.declared(), msg,
                        data ? "restore or move the data to " + ctx.rel(p)
                                + " before deploying, or point the mount at where the data is"
                                : "create the path (or fix it) before deploying"));
            }
        }
        return out;
    }

    private static boolean runtimePath(Path p) {
        String s = p.toString();
        return RUNTIME.stream().anyMatch(r -> s.equals(r) || s.startsWith(r + "/"));
    }
}
