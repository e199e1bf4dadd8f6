package dev.composeguard.rules.run;

import dev.composeguard.project.Source;
import dev.composeguard.rules.Environments;
import dev.composeguard.rules.Rule;
import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.RuleConfig.ConfigException;
import dev.composeguard.rules.RuleConfig.RequiredFile;
import dev.composeguard.rules.RuleConfig.RuleSetting;
import dev.composeguard.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Reads {@code .compose-guard.yml} (format: {@link RuleConfig}). It lives beside the registry because a rule setting
 * names a rule by code or name, and only the registry knows every rule, file and engine alike.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    /** Loads {@code .compose-guard.yml} from {@code projectDir}; {@link RuleConfig#EMPTY} when there is none. */
    public static RuleConfig load(Path projectDir) throws ConfigException {
        if (projectDir == null) {
            return RuleConfig.EMPTY;
        }
        Path f = projectDir.resolve(RuleConfig.FILE_NAME);
        if (!Files.isRegularFile(f)) {
            Path alt = projectDir.resolve(".compose-guard.yaml");
            if (!Files.isRegularFile(alt)) {
                return RuleConfig.EMPTY;
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
    public static RuleConfig parse(Path file, String text) throws ConfigException {
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
            return new RuleConfig(file, null, Source.NONE, null, List.of(), Map.of());
        }
        if (!(root.get() instanceof MappingNode top)) {
            throw new ConfigException(where(file, root.get()) + ": expected a mapping at the top level");
        }
        return new Reader(file).read(top);
    }

    /** One parse: the top-level keys, each read by its own method. */
    private static final class Reader {
        private final Path file;
        private String projectName;
        private Source projectNameAt = Source.NONE;
        private String environment;
        private final List<RequiredFile> required = new ArrayList<>();
        private final Map<String, RuleSetting> rules = new LinkedHashMap<>();

        Reader(Path file) {
            this.file = file;
        }

        RuleConfig read(MappingNode top) throws ConfigException {
            Set<String> seenKeys = new HashSet<>();
            for (NodeTuple t : top.getValue()) {
                String key = scalar(file, t.getKeyNode());
                if (!seenKeys.add(key)) {
                    throw new ConfigException(where(file, t.getKeyNode()) + ": invalid YAML: duplicate key '" + key + "'");
                }
                entry(key, t);
            }
            return new RuleConfig(file, projectName, projectNameAt, environment, required, rules);
        }

        private void entry(String key, NodeTuple t) throws ConfigException {
            Node v = t.getValueNode();
            switch (key) {
                case "project-name", "project_name" -> {
                    projectName = scalar(file, v);
                    projectNameAt = source(file, v);
                }
                case "environment" -> {
                    environment = scalar(file, v);
                    if (Environments.canonical(environment) == null) {
                        throw new ConfigException(where(file, v) + ": environment must not be empty");
                    }
                }
                case "required-files", "required_files" -> requiredFiles(v);
                case "rules" -> rules(v);
                default -> throw new ConfigException(where(file, t.getKeyNode()) + ": unknown key '" + key
                        + "' (known: project-name, environment, required-files, rules)");
            }
        }

        private void requiredFiles(Node v) throws ConfigException {
            if (!(v instanceof SequenceNode seq)) {
                throw new ConfigException(where(file, v) + ": required-files must be a list of paths");
            }
            for (Node n : seq.getValue()) {
                required.add(new RequiredFile(scalar(file, n), source(file, n)));
            }
        }

        private void rules(Node v) throws ConfigException {
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
        }
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
                    case "enabled" -> enabled = bool(file, t.getValueNode(), val);
                    case "severity" -> {
                        severity = Severity.parse(val);
                        if (severity == null) {
                            throw new ConfigException(where(file, t.getValueNode())
                                    + ": severity must be error, warning or info");
                        }
                    }
                    case "reason" -> reason = val;
                    default -> throw new ConfigException(where(file, t.getKeyNode()) + ": unknown rule setting '" + k
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
            case "on", "true", "yes":
                return true;
            case "off", "false", "no":
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
