package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.EnvFileRef;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CG110: an {@code env_file} (or {@code --env-file}) that does not exist and is not {@code required: false}. */
public final class EnvFileMissing implements FileRule {
    @Override
    public String code() {
        return "CG110";
    }

    @Override
    public String name() {
        return "env-file-missing";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "An env_file or --env-file does not exist (and is not marked required: false).";
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EnvFile f : ctx.project().envFiles()) {
            if (f.role() == EnvFileRole.FLAG && !ctx.exists(f.path()) && seen.add("flag|" + f.path())) {
                out.add(finding(f.declared(), "--env-file " + ctx.rel(f.path()) + " does not exist",
                        "fix the path given to --env-file"));
            }
        }
        for (Service s : ctx.project().activeServices()) {
            for (EnvFileRef ref : s.envFiles()) {
                Path p = ref.path();
                if (p == null || !ref.required() || ctx.exists(p) || !seen.add(ref.source() + "|" + p)) {
                    continue;
                }
                Source at = ref.source();
                out.add(finding(at, "service " + s.name() + ": env_file " + (ref.rawPath() == null ? ctx.rel(p)
                        : ref.rawPath()) + " does not exist (" + ctx.rel(p) + "): compose refuses to start the service",
                        "create the file, fix the path, or use the long syntax with required: false if it is optional"));
            }
        }
        return out;
    }
}
