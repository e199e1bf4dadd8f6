package dev.composeguard.lint;

import dev.composeguard.project.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code .compose-guard.yml} in the project directory:
 * <pre>
 * project-name: shop            # the pinned project name (CG102)
 * environment: production       # instead of inferring it from file names
 * required-files:               # CG103
 *   - docker-compose.override.yml
 * rules:
 *   CG106: off                  # or: false
 *   plaintext-secret: warning   # severity override, by code or name
 *   CG111: {severity: error, reason: "prod data"}
 * </pre>
 *
 * @param file          the config file, or null when there is none
 * @param projectName   pinned project name, or null
 * @param projectNameAt where it is pinned
 * @param environment   pinned environment, or null
 * @param requiredFiles files the deploy depends on (paths relative to the project directory)
 * @param rules         per-rule settings, keyed by code
 */
public record LintConfig(Path file, String projectName, Source projectNameAt, String environment,
        List<RequiredFile> requiredFiles, Map<String, RuleSetting> rules) {

    public static final String FILE_NAME = ".compose-guard.yml";
    public static final LintConfig EMPTY = new LintConfig(null, null, Source.NONE, null, List.of(), Map.of());

    public LintConfig {
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

    /** Loads {@code .compose-guard.yml} from {@code projectDir}; {@link #EMPTY} when there is none. */
    public static LintConfig load(Path projectDir) throws ConfigException {
        if (projectDir == null) {
            return EMPTY;
        }
        Path f = projectDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            Path alt = projectDir.resolve(".compose-guard.yaml");
            if (!Files.isRegularFile(alt)) {
                return EMPTY;
            }
            f = alt;
        }
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(f + ": cannot read: " + e.getMessage());
        }
        return parse(f, text);
    }

    /** Parses a config text; {@code file} is used for messages and sources. */
    public static LintConfig parse(Path file, String text) throws ConfigException {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setAllowDuplicateKeys(false).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(file + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ConfigException(file + ": invalid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root.isEmpty()) {
            return new LintConfig(file, null, Source.NONE, null, List.of(), Map.of());
        }
        if (!(root.get() instanceof MappingNode top)) {
            throw new ConfigException(where(file, root.get()) + ": expected a mapping at the top level");
        }
        String projectName = null;
        Source projectNameAt = Source.NONE;
        String environment = null;
        List<RequiredFile> required = new ArrayList<>();
        Map<String, RuleSetting> rules = new LinkedHashMap<>();
        java.util.Set<String> seenKeys = new java.util.HashSet<>();
        for (NodeTuple t : top.getValue()) {
            String key = scalar(file, t.getKeyNode());
            if (!seenKeys.add(key)) {
                throw new ConfigException(where(file, t.getKeyNode()) + ": invalid YAML: duplicate key '" + key + "'");
            }
            Node v = t.getValueNode();
            switch (key) {
                case "project-name":
                case "project_name":
                    projectName = scalar(file, v);
                    projectNameAt = source(file, v);
                    break;
                case "environment":
                    environment = scalar(file, v);
                    if (Environments.canonical(environment) == null) {
                        throw new ConfigException(where(file, v) + ": environment must not be empty");
                    }
                    break;
                case "required-files":
                case "required_files":
                    if (!(v instanceof SequenceNode seq)) {
                        throw new ConfigException(where(file, v) + ": required-files must be a list of paths");
                    }
                    for (Node n : seq.getValue()) {
                        required.add(new RequiredFile(scalar(file, n), source(file, n)));
                    }
                    break;
                case "rules":
                    if (!(v instanceof MappingNode m)) {
                        throw new ConfigException(where(file, v) + ": rules must be a mapping of rule code or name to a setting");
                    }
                    for (NodeTuple r : m.getValue()) {
                        String id = scalar(file, r.getKeyNode());
                        Rule rule = Rules.find(id);
                        if (rule == null) {
                            throw new ConfigException(where(file, r.getKeyNode()) + ": unknown rule '" + id
                                    + "' (see docs/LINT.md for the list)");
                        }
                        if (rules.containsKey(rule.code())) {
                            throw new ConfigException(where(file, r.getKeyNode()) + ": rule " + rule.code()
                                    + " is configured twice");
                        }
                        rules.put(rule.code(), ruleSetting(file, r.getValueNode()));
                    }
                    break;
                default:
                    throw new ConfigException(where(file, t.getKeyNode()) + ": unknown key '" + key
                            + "' (known: project-name, environment, required-files, rules)");
            }
        }
        return new LintConfig(file, projectName, projectNameAt, environment, required, rules);
    }

    private static RuleSetting ruleSetting(Path file, Node v) throws ConfigException {
        if (v instanceof ScalarNode s) {
            return fromWord(file, v, s.getValue());
        }
        if (v instanceof MappingNode m) {
            boolean enabled = true;
            Severity severity = null;
            String reason = null;
            for (NodeTuple t : m.getValue()) {
                String k = scalar(file, t.getKeyNode());
                String val = scalar(file, t.getValueNode());
                switch (k) {
                    case "enabled":
                        enabled = bool(file, t.getValueNode(), val);
                        break;
                    case "severity":
                        severity = Severity.parse(val);
                        if (severity == null) {
                            throw new ConfigException(where(file, t.getValueNode())
                                    + ": severity must be error, warning or info");
                        }
                        break;
                    case "reason":
                        reason = val;
                        break;
                    default:
                        throw new ConfigException(where(file, t.getKeyNode()) + ": unknown rule setting '" + k
                                + "' (known: enabled, severity, reason)");
                }
            }
            return new RuleSetting(enabled, severity, reason);
        }
        throw new ConfigException(where(file, v) + ": a rule setting is off, on, a severity, or a mapping");
    }

    private static RuleSetting fromWord(Path file, Node n, String word) throws ConfigException {
        Severity s = Severity.parse(word);
        if (s != null) {
            return new RuleSetting(true, s, null);
        }
        return new RuleSetting(bool(file, n, word), null, null);
    }

    private static boolean bool(Path file, Node n, String word) throws ConfigException {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "on":
            case "true":
            case "yes":
                return true;
            case "off":
            case "false":
            case "no":
                return false;
            default:
                throw new ConfigException(where(file, n) + ": expected on/off, true/false or a severity, got '" + word + "'");
        }
    }

    private static String scalar(Path file, Node n) throws ConfigException {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new ConfigException(where(file, n) + ": expected a plain value");
    }

    private static Source source(Path file, Node n) {
        Optional<Mark> m = n.getStartMark();
        return m.map(mark -> new Source(file, mark.getLine() + 1, mark.getColumn() + 1)).orElse(Source.of(file));
    }

    private static String where(Path file, Node n) {
        return source(file, n).toString();
    }
}
