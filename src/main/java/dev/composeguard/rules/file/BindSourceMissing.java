package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.StatefulImages;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Service;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * CG107: a bind mount's host path does not exist. Docker creates it as an empty directory: a database mounted
 * there initializes a blank data directory, and a file mount becomes a directory (both errors). Anything else is a
 * config or runtime directory Docker or a documented {@code mkdir} creates on a fresh checkout (info).
 */
public final class BindSourceMissing implements FileRule {
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
        return "A bind mount's host path does not exist; Docker creates an empty directory, so a database starts blank "
                + "and a file mount becomes a directory.";
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        PlaceGroups out = new PlaceGroups(this);
        for (Service s : ctx.project().activeServices()) {
            for (Mount m : s.mounts()) {
                Path p = missingSource(ctx, m);
                if (p == null) {
                    continue;
                }
                StatefulImages.Kind k = ctx.stateful(s);
                boolean data = StatefulImages.isDataPath(k, m.target());
                boolean file = !data && (DataPlacement.looksLikeFile(p.getFileName() == null ? "" : p.getFileName().toString())
                        || DataPlacement.looksLikeFile(m.target()));
                String head = " bind-mounts " + ctx.rel(p) + " on " + m.target() + ", which does not exist: ";
                if (data) {
                    out.add(Severity.ERROR, m.declared(), s.name(), head + "Docker creates it empty and " + k.family()
                            + " initializes a blank database in it", "restore or move the data to " + ctx.rel(p)
                                    + " before deploying, or point the mount at where the data is");
                } else if (file) {
                    out.add(Severity.ERROR, m.declared(), s.name(), head + "Docker creates an empty directory there, "
                            + "and the container finds a directory where it expects a file",
                            "create the file (or fix the path) before deploying");
                } else {
                    out.add(Severity.INFO, m.declared(), s.name(), head + "Docker creates it as an empty directory",
                            "fine for a config or runtime directory made on first start; create it if the service "
                                    + "expects content there");
                }
            }
        }
        return out.findings();
    }

    /** The absolute host path of a bind mount when it does not exist (and is not a runtime path), else null. */
    private static Path missingSource(FileContext ctx, Mount m) {
        if (!m.isBind() || m.source() == null || m.source().isEmpty() || m.source().contains("$")) {
            return null;
        }
        Path p;
        try {
            p = Path.of(m.source());
        } catch (InvalidPathException e) {
            return null;
        }
        if (!p.isAbsolute()) {
            p = ctx.project().workingDir().resolve(p);
        }
        p = p.normalize();
        return runtimePath(p) || ctx.exists(p) ? null : p;
    }

    private static boolean runtimePath(Path p) {
        String s = p.toString();
        return RUNTIME.stream().anyMatch(r -> s.equals(r) || s.startsWith(r + "/"));
    }
}
