package dev.composeguard.rules.engine;

import dev.composeguard.project.Project;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Severity;
import java.util.List;
import java.util.Objects;

/** CG202: the project name differs from the one of the last deploy from this directory. */
public final class ProjectRenamed implements EngineRule {

    @Override
    public String code() {
        return "CG202";
    }

    @Override
    public String name() {
        return "project-renamed";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "The project name differs from the one the last deploy from this directory used.";
    }

    @Override
    public boolean needsEngine() {
        return false;
    }

    @Override
    public List<Finding> check(EngineContext ctx) {
        Project p = ctx.project();
        String lastName = ctx.last().project();
        if (ctx.last().isEmpty() || lastName == null || lastName.equals(p.name().value())) {
            return List.of();
        }
        boolean unpinned = p.volumesOfActiveServices(false).stream().anyMatch(v -> !v.external() && !v.explicitName());
        return List.of(finding(unpinned ? Severity.ERROR : Severity.INFO, DriftText.nameSourceLocation(p.name()),
                "project name is " + p.name().value() + " (from " + DriftText.nameSource(p.name(), p.workingDir())
                        + ") but the last deploy from this directory (" + Objects.toString(ctx.last().time(), "?")
                        + ") used " + lastName
                        + (unpinned ? ": volumes without name: get new, empty engine volumes" : ""),
                "use -p " + lastName + ", or pin name: on every data volume before renaming"));
    }
}
