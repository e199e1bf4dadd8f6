package dev.composeguard.rules.engine;

import dev.composeguard.project.Mount;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.LastDeploy;
import dev.composeguard.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** CG205: a service's data mount at the same container path changed since the last deploy. */
public final class DataMountMoved implements EngineRule {

    @Override
    public String code() {
        return "CG205";
    }

    @Override
    public String name() {
        return "data-mount-moved";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A service's data mount at the same container path changed since the last deploy from this directory.";
    }

    @Override
    public boolean needsEngine() {
        return false;
    }

    @Override
    public List<Finding> check(EngineContext ctx) {
        List<Finding> out = new ArrayList<>();
        if (ctx.last().isEmpty()) {
            return out;
        }
        Project p = ctx.project();
        String when = Objects.toString(ctx.last().time(), "?");
        String lastName = ctx.last().project();
        Map<String, Map<String, Object>> lastMounts = new LinkedHashMap<>();
        for (Map<String, Object> m : ctx.last().mounts()) {
            lastMounts.put(LastDeploy.str(m, "service") + "\u0000" + LastDeploy.str(m, "target"), m);
        }
        for (Service s : p.activeServices()) {
            for (Mount m : s.mounts()) {
                Map<String, Object> before = lastMounts.get(s.name() + "\u0000" + m.target());
                if (before != null && (m.isNamedVolume() || m.isBind()) && moved(p, m, before, lastName)) {
                    String was = describeRecorded(before, p.workingDir());
                    String now = describeMount(p, m, p.workingDir());
                    out.add(finding(m.declared(),
                            "data mount " + s.name() + ":" + m.target() + " moved: it was " + was + " at the last deploy ("
                                    + when + "), now it is " + now + "; the service will see different (maybe empty) data",
                            "mount " + was + " again, or move the data first (compose-guard backup / restore --to)"));
                }
            }
        }
        return out;
    }

    private static boolean moved(Project p, Mount m, Map<String, Object> before, String lastName) {
        boolean typeChanged = !Objects.equals(LastDeploy.str(before, "type"), m.isBind() ? "bind" : "volume");
        // A new name that only follows the project rename is CG201/CG202's story, not a moved mount.
        String renamedFrom = lastName == null ? null : lastName + "_" + m.source();
        boolean nameChanged = !typeChanged && m.isNamedVolume()
                && !Objects.equals(LastDeploy.str(before, "engineName"), DriftText.engineName(p, m))
                && !Objects.equals(LastDeploy.str(before, "engineName"), renamedFrom);
        boolean pathChanged = !typeChanged && m.isBind()
                && !Objects.equals(LastDeploy.str(before, "hostPath"), m.source());
        return typeChanged || nameChanged || pathChanged;
    }

    private static String describeRecorded(Map<String, Object> m, Path wd) {
        return "bind".equals(LastDeploy.str(m, "type")) ? "bind mount " + DriftText.rel(LastDeploy.str(m, "hostPath"), wd)
                : "named volume " + LastDeploy.str(m, "engineName");
    }

    private static String describeMount(Project p, Mount m, Path wd) {
        return m.isBind() ? "bind mount " + DriftText.rel(m.source(), wd) : "named volume " + DriftText.engineName(p, m);
    }
}
