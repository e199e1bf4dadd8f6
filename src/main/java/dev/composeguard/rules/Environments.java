package dev.composeguard.rules;

import dev.composeguard.rules.RuleConfig;
import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which environment (production, staging, development, test) a selection of files is for, inferred from file
 * names ({@code .env.prod}, {@code docker-compose.prod.yml}, {@code compose.production.yaml}) or pinned in
 * {@code .compose-guard.yml}.
 */
public final class Environments {
    public static final String PRODUCTION = "production";
    public static final String STAGING = "staging";
    public static final String DEVELOPMENT = "development";
    public static final String TEST = "test";

    private static final Map<String, String> TOKENS = Map.ofEntries(
            Map.entry("prod", PRODUCTION), Map.entry("production", PRODUCTION), Map.entry("prd", PRODUCTION),
            Map.entry("live", PRODUCTION),
            Map.entry("staging", STAGING), Map.entry("stage", STAGING), Map.entry("stg", STAGING),
            Map.entry("preprod", STAGING), Map.entry("uat", STAGING),
            Map.entry("dev", DEVELOPMENT), Map.entry("development", DEVELOPMENT), Map.entry("develop", DEVELOPMENT),
            Map.entry("devel", DEVELOPMENT), Map.entry("local", DEVELOPMENT), Map.entry("debug", DEVELOPMENT),
            Map.entry("test", TEST), Map.entry("testing", TEST), Map.entry("ci", TEST), Map.entry("e2e", TEST));

    /** The environment a selection is for, and why we think so. */
    public record Selection(String name, String reason) {
        public static final Selection UNKNOWN = new Selection(null, "no environment in file names or config");

        public boolean known() {
            return name != null;
        }

        /** Production and staging: deploys whose data matters. */
        public boolean productionLike() {
            return PRODUCTION.equals(name) || STAGING.equals(name);
        }
    }

    private Environments() {
    }

    /** The canonical environment for a word ({@code prod} → production), or null. */
    public static String canonical(String word) {
        if (word == null) {
            return null;
        }
        String w = word.trim().toLowerCase(Locale.ROOT);
        String c = TOKENS.get(w);
        if (c != null) {
            return c;
        }
        return TOKENS.containsValue(w) ? w : (w.isEmpty() ? null : w);
    }

    /** The environment a file name names ({@code .env.prod}, {@code docker-compose.dev.yml}), or null. */
    public static String ofFileName(String fileName) {
        if (fileName == null) {
            return null;
        }
        for (String token : fileName.toLowerCase(Locale.ROOT).split("[._\\-]+")) {
            String env = TOKENS.get(token);
            if (env != null) {
                return env;
            }
        }
        return null;
    }

    public static String ofPath(Path p) {
        return p == null || p.getFileName() == null ? null : ofFileName(p.getFileName().toString());
    }

    /** Every word that names {@code env} in file names ({@code production} → prod, production, prd, live). */
    public static List<String> words(String env) {
        return TOKENS.entrySet().stream().filter(e -> e.getValue().equals(env)).map(Map.Entry::getKey).sorted()
                .toList();
    }

    /**
     * Infers the selection's environment: the pinned one in config, else the {@code --env-file}s' names, else the
     * names of the compose files loaded (the last one that names an environment).
     */
    public static Selection infer(Project project, RuleConfig config, Path cwd) {
        if (config != null && config.environment() != null) {
            return new Selection(canonical(config.environment()), "pinned in " + config.display(cwd));
        }
        for (EnvFile f : project.envFiles()) {
            if (f.role() == EnvFileRole.FLAG) {
                String env = ofPath(f.path());
                if (env != null) {
                    return new Selection(env, "--env-file " + Paths.rel(cwd, f.path()));
                }
            }
        }
        Selection found = null;
        for (ComposeFile f : project.files()) {
            if (f.role() == FileRole.INCLUDE || f.role() == FileRole.EXTENDS || f.role() == FileRole.STDIN) {
                continue;
            }
            String env = ofPath(f.path());
            if (env != null) {
                found = new Selection(env, "compose file " + Paths.rel(cwd, f.path()));
            }
        }
        return found == null ? Selection.UNKNOWN : found;
    }
}
