package dev.composeguard.rules.engine;

import dev.composeguard.ledger.DeployRecord;
import dev.composeguard.project.Source;
import dev.composeguard.rules.EngineContext;
import dev.composeguard.rules.EngineRule;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.LastDeploy;
import dev.composeguard.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** CG203: the project-level env files differ from those of the last deploy from this directory. */
public final class EnvFileSwitched implements EngineRule {

    @Override
    public String code() {
        return "CG203";
    }

    @Override
    public String name() {
        return "env-file-switched";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "The project-level env files differ from those the last deploy from this directory read.";
    }

    @Override
    public boolean needsEngine() {
        return false;
    }

    @Override
    public List<Finding> check(EngineContext ctx) {
        if (ctx.last().isEmpty()) {
            return List.of();
        }
        List<String> lastEnv = new ArrayList<>();
        for (Map<String, Object> f : ctx.last().envFiles()) {
            if (!"SERVICE".equals(LastDeploy.str(f, "role")) && !Boolean.FALSE.equals(f.get("exists"))) {
                lastEnv.add(LastDeploy.str(f, "path"));
            }
        }
        List<String> curEnv = DeployRecord.projectEnvFiles(ctx.project());
        if (lastEnv.equals(curEnv)) {
            return List.of();
        }
        Path wd = ctx.project().workingDir();
        String when = Objects.toString(ctx.last().time(), "?");
        return List.of(finding(Source.NONE,
                "env file switched: the last deploy (" + when + ") read " + DriftText.describe(lastEnv, wd)
                        + ", this one reads " + DriftText.describe(curEnv, wd)
                        + ": project name, credentials and image tags may differ",
                lastEnv.isEmpty() ? "check that " + DriftText.describe(curEnv, wd) + " is meant for this deployment"
                        : "check that " + DriftText.describe(curEnv, wd) + " is meant for this deployment, or pass "
                                + lastEnv.stream().map(f -> "--env-file " + DriftText.rel(f, wd))
                                        .collect(Collectors.joining(" "))));
    }
}
