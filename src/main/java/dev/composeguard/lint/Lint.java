package dev.composeguard.lint;

import dev.composeguard.project.Project;
import java.nio.file.Path;
import java.util.Map;

/** Lints a loaded project with its {@code .compose-guard.yml} and the other environments' files. */
public final class Lint {
    private Lint() {
    }

    public static Linter.Result run(Project project, Path cwd, Map<String, String> env)
            throws LintConfig.ConfigException {
        LintConfig config = LintConfig.load(project.workingDir());
        return Linter.run(new LintContext(project, config, cwd, new ProjectSiblings(cwd, env)));
    }
}
