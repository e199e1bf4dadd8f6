package dev.composeguard.invocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads compose's argv the way compose does, without ever rejecting it: v2's pflag root flags and v1's docopt
 * root flags (union of both), docker's own global flags in front of {@code compose} in plugin mode, and the
 * first positional word as the subcommand. Unknown flags are assumed to be booleans and passed through.
 *
 * <p>This class is on the hot path of every call: plain JDK only, no regex, no reflection.
 */
public final class InvocationParser {

    /** Compose root flags that take a value (v2 and v1 together; see compose-semantics.md §9). */
    static final Set<String> VALUE_FLAGS = Set.of(
            "-f", "--file", "-p", "--project-name", "--project-directory", "--workdir", "--env-file",
            "--profile", "--ansi", "--progress", "--parallel", "--insecure-registry",
            "-c", "--context", "--log-level", "-H", "--host", "--tlscacert", "--tlscert", "--tlskey");

    /** Long root flags, for v1's docopt-style unambiguous prefixes ({@code --project-n foo}). */
    private static final List<String> LONG_FLAGS = List.of(
            "--file", "--project-name", "--project-directory", "--workdir", "--env-file", "--profile", "--ansi",
            "--progress", "--parallel", "--insecure-registry", "--context", "--log-level", "--host", "--tlscacert",
            "--tlscert", "--tlskey", "--all-resources", "--dry-run", "--compatibility", "--no-ansi", "--verbose",
            "--version", "--help", "--tls", "--tlsverify", "--skip-hostname-check");

    /** Docker CLI global flags that take a value; they precede {@code compose} in plugin mode. */
    static final Set<String> DOCKER_VALUE_FLAGS = Set.of(
            "--config", "-c", "--context", "-H", "--host", "-l", "--log-level", "--tlscacert", "--tlscert", "--tlskey");

    /** The guard's own commands. None of them is a compose command. */
    public static final Set<String> GUARD_COMMANDS = Set.of("lint", "explain", "backup", "backups", "restore", "doctor",
            "schedule");

    /** Root flags that belong to the guard; compose has no flag of these names. */
    public static final Set<String> GUARD_FLAGS = Set.of("--guard-help", "--guard-version");

    /**
     * Compose commands that can create or delete data, or whose effect depends on which project is loaded.
     * Everything else (ps, logs, exec, config, ls, version, images, top, unknown …) is safe.
     */
    private static final Set<String> GUARDED = Set.of(
            "up", "create", "run", "start", "restart", "build", "pull", "down", "rm", "watch");

    private InvocationParser() {
    }

    /** Parses argv as given to the guard; {@code env} decides plugin mode. */
    public static Invocation parse(List<String> argv, Map<String, String> env) {
        boolean plugin = env.containsKey("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND");
        int start = plugin ? skipDockerFlags(argv) : 0;
        Globals g = new Globals();
        int i = start;
        String command = null;
        while (i < argv.size()) {
            String arg = argv.get(i);
            if (arg.equals("--")) {
                i++;
                if (i < argv.size()) {
                    command = argv.get(i);
                    i++;
                }
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-") || GUARD_FLAGS.contains(arg)) {
                command = arg;
                i++;
                break;
            }
            String[] nameValue = split(arg);
            String value = nameValue[1];
            if (VALUE_FLAGS.contains(nameValue[0]) && value == null) {
                if (i + 1 < argv.size()) {
                    value = argv.get(i + 1);
                    i++;
                } else {
                    value = "";
                }
            }
            g.set(nameValue[0], value);
            i++;
        }
        List<String> rest = argv.subList(Math.min(i, argv.size()), argv.size());
        // --dry-run is a persistent flag in v2: it is accepted after the subcommand too.
        if (!g.dryRun && command != null && rest.contains("--dry-run")) {
            g.dryRun = true;
        }
        return new Invocation(argv, plugin, start, g.options(), command, rest, classify(command));
    }

    /** A flag split into its (prefix-expanded) name and its attached value (null when none is attached). */
    private static String[] split(String arg) {
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            String name = expandPrefix(eq > 0 ? arg.substring(0, eq) : arg);
            return new String[] {name, eq > 0 ? arg.substring(eq + 1) : null};
        }
        String name = arg.substring(0, 2);
        if (arg.length() > 2) {
            String rest = arg.substring(2);
            if (VALUE_FLAGS.contains(name)) {
                return new String[] {name, rest.startsWith("=") ? rest.substring(1) : rest};
            }
            // A group of short booleans (-D, -vh …): none of compose's root short flags matters here.
            return new String[] {arg, null};
        }
        return new String[] {name, null};
    }

    /** The root flags seen so far (a later -p, --ansi … wins; -f, --env-file, --profile add up). */
    private static final class Globals {
        final List<String> files = new ArrayList<>();
        final List<String> envFiles = new ArrayList<>();
        final List<String> profiles = new ArrayList<>();
        String project;
        String projectDir;
        String ansi;
        boolean allResources;
        boolean dryRun;

        void set(String name, String value) {
            switch (name) {
                case "-f", "--file" -> files.add(value);
                case "-p", "--project-name" -> project = value;
                case "--project-directory", "--workdir" -> projectDir = value;
                case "--env-file" -> envFiles.add(value);
                case "--profile" -> profiles.add(value);
                case "--ansi" -> ansi = value;
                case "--no-ansi" -> ansi = "never";
                case "--all-resources" -> allResources = value == null || !value.equals("false");
                case "--dry-run" -> dryRun = value == null || !value.equals("false");
                default -> {
                    // Any other flag (known boolean, or unknown) is left to compose.
                }
            }
        }

        GlobalOptions options() {
            return new GlobalOptions(files, project, projectDir, envFiles, profiles, allResources, dryRun, ansi);
        }
    }

    /** SAFE, GUARDED or GUARD for a subcommand (null = no subcommand, e.g. {@code --version}). */
    public static CommandKind classify(String command) {
        if (command == null) {
            return CommandKind.SAFE;
        }
        if (GUARD_COMMANDS.contains(command) || GUARD_FLAGS.contains(command)) {
            return CommandKind.GUARD;
        }
        return GUARDED.contains(command) ? CommandKind.GUARDED : CommandKind.SAFE;
    }

    /** In plugin mode argv is {@code [docker flags] compose …}: returns the index after {@code compose}. */
    private static int skipDockerFlags(List<String> argv) {
        int i = 0;
        while (i < argv.size()) {
            String arg = argv.get(i);
            if (arg.equals("compose")) {
                return i + 1;
            }
            if (!arg.startsWith("-")) {
                return i; // not the shape docker uses; read from here
            }
            if (DOCKER_VALUE_FLAGS.contains(arg)) {
                i++;
            }
            i++;
        }
        return 0;
    }

    /** v1 (docopt) accepts unambiguous prefixes of long options; v2 rejects them, so expanding is harmless. */
    static String expandPrefix(String name) {
        if (LONG_FLAGS.contains(name)) {
            return name;
        }
        String match = null;
        for (String f : LONG_FLAGS) {
            if (f.startsWith(name)) {
                if (match != null) {
                    return name; // ambiguous: compose prints its usage
                }
                match = f;
            }
        }
        return match != null ? match : name;
    }
}
