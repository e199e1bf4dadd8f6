package dev.composeguard.rules.run;

import dev.composeguard.rules.run.Rules;
import dev.composeguard.rules.Paths;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.Rule;
import dev.composeguard.project.ProjectLoadException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load errors that a rule is about. Compose (and so the loader) refuses a project whose required env_file is
 * missing; lint reports that as a CG110 finding (exit 1, every format) rather than as a bare load error, so CI
 * pipelines see it as a finding with a rule and a hint.
 */
public final class LoadErrors {
    private static final Pattern MISSING_ENV_FILE = Pattern.compile(
            "^(?:env file (.+) not found|couldn't find env file: (.+))$");

    private LoadErrors() {
    }

    /** The findings a load error stands for, or an empty list when it is a plain load error. */
    public static List<Finding> asFindings(ProjectLoadException e, java.nio.file.Path cwd) {
        Matcher m = MISSING_ENV_FILE.matcher(e.getMessage() == null ? "" : e.getMessage());
        if (!m.matches()) {
            return List.of();
        }
        String path = m.group(1) != null ? m.group(1) : m.group(2);
        String shown = Paths.rel(cwd, java.nio.file.Path.of(path));
        Rule rule = Rules.find("CG110");
        return List.of(rule.finding(e.source(), "env file " + shown
                + " does not exist: compose refuses to load the project (no other rule ran)",
                "create the file, fix the path, or use the long syntax with required: false if it is optional"));
    }
}
