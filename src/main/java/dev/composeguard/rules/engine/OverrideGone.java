package dev.composeguard.rules.engine;

import dev.composeguard.ledger.DeployRecord;
import dev.composeguard.project.Source;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** CG204: an override file of the last deploy is not part of this one (deleted, or left out of -f). */
public final class OverrideGone implements EngineRule {

    @Override
    public String code() {
        return "CG204";
    }

    @Override
    public String name() {
        return "override-file-gone";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "An override file of the last deploy from this directory is not part of this one.";
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
        Path wd = ctx.project().workingDir();
        String when = Objects.toString(ctx.last().time(), "?");
        List<String> curOverrides = DeployRecord.overrides(ctx.project());
        for (String o : ctx.last().overrides()) {
            if (!curOverrides.contains(o)) {
                boolean exists = Files.exists(Path.of(o));
                out.add(finding(Source.NONE,
                        "override file " + DriftText.rel(o, wd) + " was part of the last deploy (" + when + ") and is "
                                + (exists ? "not loaded now (-f given without it?)" : "gone from disk")
                                + ": whatever it set (ports, mounts, environment) is no longer applied",
                        exists ? "add -f " + DriftText.rel(o, wd) + " (after the base file)"
                                : "restore " + DriftText.rel(o, wd) + " from version control if its removal was not intended"));
            }
        }
        return out;
    }
}
