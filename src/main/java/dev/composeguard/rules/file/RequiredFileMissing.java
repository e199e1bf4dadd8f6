package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CG103: a file the deploy depends on (listed under {@code required-files} in {@code .compose-guard.yml}) is
 * absent, e.g. the {@code docker-compose.override.yml} whose absence made production build the dev target.
 */
public final class RequiredFileMissing implements FileRule {
    @Override
    public String code() {
        return "CG103";
    }

    @Override
    public String name() {
        return "required-file-missing";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A file listed under required-files in .compose-guard.yml does not exist.";
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        List<Finding> out = new ArrayList<>();
        Path dir = ctx.project().workingDir();
        for (RuleConfig.RequiredFile r : ctx.config().requiredFiles()) {
            Path p = dir.resolve(r.path()).normalize();
            if (!ctx.exists(p)) {
                out.add(finding(r.source(), "required file " + r.path() + " does not exist (" + ctx.rel(p)
                        + "): the deploy silently runs without it",
                        "restore the file (it is often untracked and lost on a fresh checkout), or remove it from required-files"));
            }
        }
        return out;
    }
}
