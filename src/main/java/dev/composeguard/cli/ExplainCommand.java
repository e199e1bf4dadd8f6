package dev.composeguard.cli;

import dev.composeguard.exec.Projects;
import dev.composeguard.exec.RealComposeFinder;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.exec.ComposeVersion;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.ComposeRelease;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.Mount;
import dev.composeguard.project.NameCandidate;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.ProjectName;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import dev.composeguard.project.Volume;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compose-guard [compose flags] explain [compose flags] [--format text|json]}: the project as the compose
 * that will run sees it, before a deploy: project name and where it comes from, which compose rules were modelled,
 * the compose files in load order, the env files read, each service's data mounts with the engine volume names
 * they resolve to, and the top-level volumes. Never prints environment values.
 */
@Command(name = ExplainCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Show the project compose will load: its name and where that came from, and more.",
                "Files in load order, env files read, services with their data mounts and the engine volume names",
                "they resolve to.",
                "Compose's -f, -p, --project-directory, --env-file and --profile work before and after 'explain'.",
                "Exit codes: 0 shown, 2 the project cannot be loaded (one line on stderr: file:line:col: message)."})
public final class ExplainCommand implements Callable<Integer> {
    static final String NAME = "explain";

    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    public ExplainCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Which compose was found and whose rules were modelled.
     *
     * @param release the checked release whose rules apply
     * @param version the version the real compose printed (null: none found)
     * @param checked true when that version is exactly {@code release}'s; false: the nearest checked rules
     */
    record Rules(ComposeRelease release, String version, boolean checked, Path binary, String note) {
        ComposeFlavor flavor() {
            return release.flavor();
        }

        String describe() {
            String who = flavor() == ComposeFlavor.V1 ? "docker-compose v1 rules" : "compose v2 rules";
            if (binary == null) {
                return who + " (" + note + ")";
            }
            if (!checked) {
                return who + " of " + release.checked() + " (" + version + " at " + binary
                        + ": not a checked version, the nearest checked version's rules are used)";
            }
            return who + " (" + version + " at " + binary + ")";
        }
    }

    @Override
    public Integer call() {
        boolean json;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "text":
                json = false;
                break;
            case "json":
                json = true;
                break;
            default:
                throw new GuardException(ExitCodes.USAGE, "unknown --format '" + format + "' (text, json)");
        }
        Rules rules = rules();
        Project project;
        try {
            project = Projects.load(ctx, compose.toGlobalOptions(), rules.release());
        } catch (ProjectLoadException e) {
            ctx.say(e.oneLine());
            return ExitCodes.USAGE;
        }
        if (json) {
            ctx.out().print(ExplainJson.of(project, rules));
        } else {
            text(project, rules, ctx.out());
        }
        ctx.out().flush();
        return ExitCodes.OK;
    }

    private Rules rules() {
        RealCompose real;
        ComposeRelease newest = ComposeRelease.newest(ComposeFlavor.V2);
        try {
            real = RealComposeFinder.of(ctx).find();
        } catch (RuntimeException e) {
            return new Rules(newest, null, false, null, "no real compose found: " + e.getMessage());
        }
        try {
            ComposeVersion v = ComposeVersion.of(real, ctx.env());
            return new Rules(v.release(), v.version(), v.checked(), real.path(), null);
        } catch (RuntimeException e) {
            return new Rules(newest, "unknown", false, real.path(), null);
        }
    }

    // ------------------------------------------------------------------ text

    private String rel(Path p) {
        if (p == null) {
            return "-";
        }
        Path cwd = ctx.cwd();
        if (p.isAbsolute() && p.startsWith(cwd) && !p.equals(cwd)) {
            return cwd.relativize(p).toString();
        }
        return p.toString();
    }

    private String where(Source s) {
        return s == null || !s.isKnown() ? "" : s.display(ctx.cwd());
    }

    static String origin(ProjectName n, CallContext ctx) {
        switch (n.origin()) {
            case FLAG:
                return "-p/--project-name";
            case SHELL_ENV:
                return "COMPOSE_PROJECT_NAME in the shell environment";
            case ENV_FILE:
                return "COMPOSE_PROJECT_NAME in " + n.source().display(ctx.cwd());
            case NAME_FIELD:
                return "name: in " + n.source().display(ctx.cwd());
            case DIRECTORY:
                return "the project directory's name";
            default:
                return n.origin().name();
        }
    }

    private void text(Project p, Rules rules, PrintStream out) {
        names(p, rules, out);
        out.println();
        out.println("Compose files (load order):");
        int i = 1;
        for (ComposeFile f : p.files()) {
            out.printf("  %d. %-40s %s%n", i++, rel(f.path()), role(f));
        }
        out.println();
        envFiles(p, out);
        out.println();
        out.println("Profiles:   " + (p.activeProfiles().isEmpty() ? "(none)" : String.join(", ", p.activeProfiles())));
        out.println();
        services(p, out);
        out.println();
        volumes(p, out);
        if (!p.warnings().isEmpty()) {
            out.println();
            out.println("Warnings (compose would print these too):");
            for (String w : p.warnings()) {
                out.println("  " + w);
            }
        }
    }

    /** The project name, where it comes from, and every other place that proposed one. */
    private void names(Project p, Rules rules, PrintStream out) {
        ProjectName n = p.name();
        out.println("Project:    " + n.value() + "  (from " + origin(n, ctx) + ")");
        out.println("Rules:      " + rules.describe());
        out.println("Directory:  " + p.workingDir());
        for (NameCandidate c : n.candidates()) {
            if (c.origin() == n.origin() && c.source().equals(n.source())) {
                continue;
            }
            String place = switch (c.origin()) {
                case FLAG -> "-p";
                case SHELL_ENV -> "COMPOSE_PROJECT_NAME (shell)";
                case ENV_FILE -> "COMPOSE_PROJECT_NAME in " + where(c.source());
                case NAME_FIELD -> "name: in " + where(c.source());
                case DIRECTORY -> "directory name";
                case SERVICE_ENV_FILE -> "COMPOSE_PROJECT_NAME in " + where(c.source())
                        + " (a service env_file: compose ignores it)";
                case CONFIG -> "pinned in .compose-guard.yml";
            };
            out.println("  also:     " + place + " = \"" + c.value() + "\"" + (c.effective() ? " (overridden)" : ""));
        }
    }

    private void envFiles(Project p, PrintStream out) {
        out.println("Env files:");
        if (p.envFiles().isEmpty()) {
            out.println("  (none)");
        }
        for (EnvFile f : p.envFiles()) {
            String what = switch (f.role()) {
                case DOTENV -> f.declared().isKnown() ? "included project's .env (include at " + where(f.declared()) + ")"
                        : "project .env";
                case FLAG -> "--env-file (replaces .env)";
                case SERVICE -> "service env_file, declared at " + where(f.declared());
            };
            out.printf("  %-42s %s%s%n", rel(f.path()), what, f.exists() ? "" : " (missing)");
        }
    }

    private void services(Project p, PrintStream out) {
        out.println("Services:");
        for (Service s : p.services().values()) {
            StringBuilder head = new StringBuilder("  " + s.name());
            if (!s.active()) {
                head.append("  [inactive: profiles ").append(String.join(", ", s.profiles())).append(']');
            }
            if (s.image() != null) {
                head.append("  image ").append(s.image());
            }
            if (s.build() != null) {
                head.append("  build ").append(rel(pathOrNull(s.build().context())));
                if (s.build().target() != null) {
                    head.append(" target ").append(s.build().target());
                }
            }
            out.println(head);
            for (Mount m : s.mounts()) {
                out.println("      " + mountText(p, m));
            }
        }
    }

    private static void volumes(Project p, PrintStream out) {
        out.println("Volumes:");
        if (p.volumes().isEmpty()) {
            out.println("  (none)");
        }
        List<Volume> kept = p.volumesOfActiveServices(false);
        for (Volume v : p.volumes().values()) {
            String note;
            if (!kept.contains(v) && !v.external()) {
                note = "not used by an active service: compose v2 neither creates nor removes it (see --all-resources)";
            } else if (v.external()) {
                note = "external: compose never creates or removes it";
            } else if (v.explicitName()) {
                note = "name: pinned, the same for any project name; down -v removes it";
            } else {
                note = "<project>_<key>: changes with the project name; down -v removes it";
            }
            out.printf("  %-20s -> %-36s %s%n", v.key(), v.engineName(), note);
        }
    }

    private static Path pathOrNull(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Path.of(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String mountText(Project p, Mount m) {
        String ro = m.readOnly() ? " (read-only)" : "";
        if (m.isNamedVolume()) {
            Volume v = p.volumes().get(m.source());
            String engine = v == null ? "?" : v.engineName();
            return m.target() + "  <- volume " + m.source() + " = " + engine + (v != null && v.external() ? " (external)" : "") + ro;
        }
        if (m.isAnonymousVolume()) {
            return m.target() + "  <- anonymous volume (new on every container re-creation with -V; removed by rm -v / down -v)" + ro;
        }
        if (m.isBind()) {
            return m.target() + "  <- bind " + rel(pathOrNull(m.source())) + ro;
        }
        return m.target() + "  <- " + m.type().name().toLowerCase(Locale.ROOT) + (m.source() == null ? "" : " " + m.source()) + ro;
    }

    private static String role(ComposeFile f) {
        return switch (f.role()) {
            case DISCOVERED -> "discovered";
            case OVERRIDE -> "override (loaded automatically)";
            case FLAG -> "-f";
            case COMPOSE_FILE_ENV -> "COMPOSE_FILE";
            case STDIN -> "-f - (stdin)";
            case INCLUDE -> "include";
            case EXTENDS -> "extends";
        };
    }
}
