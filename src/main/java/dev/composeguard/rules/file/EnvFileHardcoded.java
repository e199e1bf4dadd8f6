package dev.composeguard.rules.file;

import dev.composeguard.rules.Environments;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.EnvFileRef;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CG101: a service's {@code env_file} is a fixed path to another environment's file (the outage: {@code env_file:
 * ../envs/.env} in the base file while production ran with {@code --env-file envs/.env.prod}), or lies outside the
 * project directory.
 */
public final class EnvFileHardcoded implements FileRule {
    @Override
    public String code() {
        return "CG101";
    }

    @Override
    public String name() {
        return "env-file-hardcoded";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A service's env_file is a fixed path to another environment's file, or outside the project directory.";
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        var sel = ctx.environment();
        List<Path> selected = new ArrayList<>();
        for (EnvFile f : ctx.project().envFiles()) {
            if (f.role() == EnvFileRole.FLAG) {
                selected.add(f.path().normalize());
            }
        }
        Path projectDir = ctx.project().workingDir().normalize();
        List<Finding> out = new ArrayList<>();
        mixedSelection(ctx, out);
        Set<String> seen = new HashSet<>();
        for (Service s : ctx.project().activeServices()) {
            for (EnvFileRef ref : s.envFiles()) {
                if (ref.path() == null) {
                    continue;
                }
                Path p = ref.path().normalize();
                if (!seen.add(ref.source() + "|" + p)) {
                    continue;
                }
                if (selected.contains(p) || (!ref.required() && !ctx.exists(p))) {
                    continue; // the selected file itself, or an optional file that is not there: nothing wrong is read
                }
                String fileEnv = Environments.ofPath(p);
                String written = ref.rawPath() == null ? ctx.rel(p) : ref.rawPath();
                if (sel.known() && fileEnv != null && !fileEnv.equals(sel.name())) {
                    out.add(finding(ref.source(), "service " + s.name() + " reads env_file " + written + " ("
                            + fileEnv + ") in a " + sel.name() + " selection (" + sel.reason() + ")",
                            "move env_file into the per-environment compose file, or write it as ${ENV_FILE:?} and set it per deploy"));
                } else if (sel.known() && fileEnv == null && shadowed(ctx, p, sel.name(), selected)) {
                    String other = selected.isEmpty() ? "the " + sel.name() + " file next to it"
                            : ctx.rel(selected.get(selected.size() - 1));
                    out.add(finding(ref.source(), "service " + s.name() + " has env_file " + written
                            + " hard-coded, but this " + sel.name() + " selection uses " + other
                            + ": the service still reads " + ctx.rel(p),
                            "point env_file at the " + sel.name() + " file in the " + sel.name()
                                    + " compose file, or use ${ENV_FILE:?} so each deploy names its file"));
                } else if (!p.startsWith(projectDir)) {
                    out.add(finding(Severity.WARNING, ref.source(), "service " + s.name() + " reads env_file "
                            + written + " from outside the project directory " + ctx.rel(projectDir)
                            + ": which file it gets depends on where the checkout sits",
                            "keep environment files inside the project directory, or pass them with --env-file"));
                }
            }
        }
        return out;
    }

    /** {@code -f docker-compose.prod.yml --env-file .env.dev}: the selection's files name different environments. */
    private void mixedSelection(FileContext ctx, List<Finding> out) {
        if (ctx.config().environment() != null) {
            return;
        }
        EnvFile flagFile = null;
        String flagEnv = null;
        for (EnvFile f : ctx.project().envFiles()) {
            if (f.role() == EnvFileRole.FLAG && Environments.ofPath(f.path()) != null) {
                flagFile = f;
                flagEnv = Environments.ofPath(f.path());
            }
        }
        if (flagEnv == null) {
            return;
        }
        for (ComposeFile cf : ctx.project().files()) {
            String env = Environments.ofPath(cf.path());
            if (env != null && !env.equals(flagEnv) && cf.role() != FileRole.INCLUDE && cf.role() != FileRole.EXTENDS) {
                out.add(finding(Source.of(cf.path()), "this selection mixes environments: compose file "
                        + ctx.rel(cf.path()) + " (" + env + ") with --env-file " + ctx.rel(flagFile.path()) + " ("
                        + flagEnv + ")",
                        "pass the env file of the same environment as the compose files (or pin environment in .compose-guard.yml)"));
                return;
            }
        }
    }

    /**
     * True when an environment-less env file ({@code .env}, {@code app.env}) is not what this selection wants: the
     * selection named another env file, or a file for the selected environment sits next to it.
     */
    private static boolean shadowed(FileContext ctx, Path p, String env, List<Path> selected) {
        String name = p.getFileName().toString();
        if (!selected.isEmpty() && name.equals(".env")) {
            return true;
        }
        Path dir = p.getParent();
        if (dir == null) {
            return false;
        }
        for (String w : Environments.words(env)) {
            List<String> variants = new ArrayList<>(List.of(name + "." + w, name + "-" + w, name + "_" + w));
            if (name.endsWith(".env") && name.length() > 4) {
                String stem = name.substring(0, name.length() - 4);
                variants.add(stem + "." + w + ".env");
                variants.add(stem + "-" + w + ".env");
            }
            for (String v : variants) {
                if (ctx.exists(dir.resolve(v))) {
                    return true;
                }
            }
        }
        return false;
    }
}
