package dev.composeguard.rules;

import dev.composeguard.project.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code .compose-guard.yml} in the project directory, as read by rules.run.ConfigFile; it configures file rules
 * (CG1xx) and engine rules (CG2xx) alike:
 * <pre>
 * project-name: shop            # the pinned project name (CG102)
 * environment: production       # instead of inferring it from file names
 * required-files:               # CG103
 *   - docker-compose.override.yml
 * rules:
 *   CG106: off                  # or: false
 *   plaintext-secret: warning   # severity override, by code or name
 *   CG111: {severity: error, reason: "prod data"}
 *   CG201: warning              # engine rules (CG2xx) are configured the same way
 * </pre>
 *
 * @param file          the config file, or null when there is none
 * @param projectName   pinned project name, or null
 * @param projectNameAt where it is pinned
 * @param environment   pinned environment, or null
 * @param requiredFiles files the deploy depends on (paths relative to the project directory)
 * @param rules         per-rule settings, keyed by code
 */
public record RuleConfig(Path file, String projectName, Source projectNameAt, String environment,
        List<RequiredFile> requiredFiles, Map<String, RuleSetting> rules) {

    public static final String FILE_NAME = ".compose-guard.yml";
    public static final RuleConfig EMPTY = new RuleConfig(null, null, Source.NONE, null, List.of(), Map.of());

    public RuleConfig {
        requiredFiles = List.copyOf(requiredFiles);
        rules = Map.copyOf(rules);
    }

    /** A file the deploy depends on. */
    public record RequiredFile(String path, Source source) {
    }

    /**
     * @param enabled  false turns the rule off
     * @param severity a severity override, or null
     * @param reason   why (kept for reviewers; printed with --verbose formats)
     */
    public record RuleSetting(boolean enabled, Severity severity, String reason) {
    }

    /** The configuration is broken: one line with file:line. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }

    public String display(Path cwd) {
        return file == null ? FILE_NAME : Paths.rel(cwd, file);
    }

    public RuleSetting setting(Rule rule) {
        return rules.get(rule.code());
    }
}
