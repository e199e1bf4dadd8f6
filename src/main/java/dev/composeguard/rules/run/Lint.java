package dev.composeguard.rules.run;

import dev.composeguard.rules.run.Linter;
import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.FileContext;
import dev.composeguard.project.Project;
import java.nio.file.Path;
import java.util.Map;

/** Lints a loaded project with its {@code .compose-guard.yml} and the other environments' files. */
public final class Lint {
    private Lint() {
    }

    public static Linter.Result run(Project project, Path cwd, Map<String, String> env)
            throws RuleConfig.ConfigException {
        return run(project, cwd, env, images(env));
    }

    /** With the engine's image facts asked for earlier ({@link #images}). */
    public static Linter.Result run(Project project, Path cwd, Map<String, String> env, FileContext.Images images)
            throws RuleConfig.ConfigException {
        return run(project, ConfigFile.load(project.workingDir()), cwd, env, images);
    }

    /** With a configuration the caller already read. */
    public static Linter.Result run(Project project, RuleConfig config, Path cwd, Map<String, String> env) {
        return run(project, config, cwd, env, images(env));
    }

    private static Linter.Result run(Project project, RuleConfig config, Path cwd, Map<String, String> env,
            FileContext.Images images) {
        FileContext context = new FileContext(project, config, cwd, new ProjectSiblings(cwd, env), images);
        dev.composeguard.core.Timings.mark("lint: configuration, environments");
        return Linter.run(context); // with a timing per rule
    }

    /** Total time the engine may take to describe the project's images before lint goes on without it. */
    static final long IMAGE_BUDGET_MS = 1500;

    /**
     * Starts asking the local engine which images it has (on a daemon thread: a caller that does this before loading
     * the project has the answer by the time a rule needs it), unless {@code COMPOSE_GUARD_LINT_ENGINE=off} or a CI
     * run ({@code CI} set and not {@code false}, unless {@code COMPOSE_GUARD_LINT_ENGINE=on}): a CI runner has none
     * of the project's images, and its findings must not depend on what some runner happened to pull.
     */
    public static FileContext.Images images(Map<String, String> env) {
        String mode = env.getOrDefault("COMPOSE_GUARD_LINT_ENGINE", "").trim().toLowerCase(java.util.Locale.ROOT);
        String ci = env.getOrDefault("CI", "").trim().toLowerCase(java.util.Locale.ROOT);
        boolean off = mode.equals("off") || mode.equals("false") || mode.equals("0") || mode.equals("no")
                || (!mode.equals("on") && !ci.isEmpty() && !ci.equals("false") && !ci.equals("0"));
        return off ? FileContext.Images.NONE : dev.composeguard.engine.ImageInspector.start(env, IMAGE_BUDGET_MS)::inspect;
    }
}
