package dev.composeguard.rules.engine;

import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.engine.EngineSnapshot;
import dev.composeguard.engine.VolumeUsage;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CG208: a data path now bind-mounted from an empty host directory while the service's old named volume at that
 * path holds data, or now a missing/empty named volume while the old bind directory holds data.
 */
public final class BindTakeover implements EngineRule {

    @Override
    public String code() {
        return "CG208";
    }

    @Override
    public String name() {
        return "bind-mount-takeover";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A data path switches between a bind mount and a named volume, and the side it switches to is empty.";
    }

    @Override
    public List<Finding> check(EngineContext ctx) {
        Project p = ctx.project();
        EngineSnapshot e = ctx.engine();
        List<Finding> out = new ArrayList<>();
        List<EngineContainer> pool = e.related(p.name().value(), p.workingDir().toString(), false);
        for (Service s : p.activeServices()) {
            List<EngineContainer> olds = pool.stream().filter(c -> s.name().equals(c.service())).toList();
            if (olds.isEmpty()) {
                continue;
            }
            for (Mount m : s.mounts()) {
                Finding f = null;
                if (m.isBind() && m.source() != null && isEmptyDir(Path.of(m.source()))) {
                    f = volumeBehindEmptyBind(p, e, s, m, olds);
                } else if (m.isNamedVolume()) {
                    f = bindBehindEmptyVolume(p, e, s, m, olds);
                }
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private Finding volumeBehindEmptyBind(Project p, EngineSnapshot e, Service s, Mount m, List<EngineContainer> olds) {
        for (EngineContainer c : olds) {
            ContainerMount cm = at(c, m.target());
            if (cm == null || !"volume".equals(cm.type()) || cm.name() == null) {
                continue;
            }
            VolumeUsage u = e.usage(cm.name());
            if (u != null && !u.isEmpty()) {
                return takeover(s, m, "bind mount " + DriftText.rel(m.source(), p.workingDir())
                        + " (an empty host directory)", "named volume " + cm.name() + " (" + DriftText.human(u.bytes())
                        + ", mounted there by " + c.name() + ")");
            }
        }
        return null;
    }

    private Finding bindBehindEmptyVolume(Project p, EngineSnapshot e, Service s, Mount m, List<EngineContainer> olds) {
        String vol = DriftText.engineName(p, m);
        for (EngineContainer c : olds) {
            ContainerMount cm = at(c, m.target());
            if (cm == null || !"bind".equals(cm.type()) || cm.source() == null) {
                continue;
            }
            // Only now ask for the volume's usage: walking every data volume on every up is too slow.
            if (isNonEmptyDir(Path.of(cm.source())) && (e.volume(vol).isEmpty() || e.usage(vol).isEmpty())) {
                return takeover(s, m, "named volume " + vol + " (missing or empty)", "bind mount "
                        + cm.source() + " (holds files, mounted there by " + c.name() + ")");
            }
        }
        return null;
    }

    private Finding takeover(Service s, Mount m, String now, String was) {
        return finding(m.declared(),
                "service " + s.name() + " will mount " + now + " at " + m.target() + ", where its last container had "
                        + was + ": the database will start on the empty side (and may initialize it)",
                "mount the side that holds the data, or copy the data over before up");
    }

    private static ContainerMount at(EngineContainer c, String target) {
        return c.mounts().stream().filter(cm -> target.equals(cm.destination())).findFirst().orElse(null);
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.exists(p)) {
            return true;
        }
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    private static boolean isNonEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isPresent();
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }
}
