package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.EnvFileRef;
import dev.composeguard.project.EnvFileValues;
import dev.composeguard.project.EnvVar;
import dev.composeguard.project.Environment;
import dev.composeguard.project.NameCandidate;
import dev.composeguard.project.NameOrigin;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.ProjectName;
import dev.composeguard.project.ProjectNames;
import dev.composeguard.project.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CG102: the places that can set the project name disagree, so the name (and with it every unpinned volume name)
 * depends on which files a deploy happens to read. Lists every source and says which one wins.
 */
public final class ProjectNameMismatch implements FileRule {
    @Override
    public String code() {
        return "CG102";
    }

    @Override
    public String name() {
        return "project-name-mismatch";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "The places that can set the project name (-p, COMPOSE_PROJECT_NAME in env files, name:, config) disagree.";
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        ProjectName pn = ctx.project().name();
        if (pn == null) {
            return List.of();
        }
        List<NameCandidate> all = candidates(ctx, pn);
        String pinned = ctx.config().projectName();
        Set<String> values = new LinkedHashSet<>();
        values.add(normalize(pn.value())); // the directory counts when it wins: others then expect another name
        for (NameCandidate c : all) {
            if (c.origin() != NameOrigin.DIRECTORY && c.value() != null && !c.value().isEmpty()) {
                values.add(normalize(c.value()));
            }
        }
        boolean pinBroken = pinned != null && !normalize(pinned).equals(pn.value());
        if (values.size() < 2 && !pinBroken) {
            return List.of();
        }
        StringBuilder m = new StringBuilder();
        m.append(pinBroken ? "project name \"" + pn.value() + "\" is not the pinned name \"" + pinned + "\""
                : "project name sources disagree");
        m.append(": compose uses \"").append(pn.value()).append("\" from ").append(describe(ctx, pn.origin(),
                pn.source(), true));
        for (NameCandidate c : all) {
            if (c.origin() == pn.origin() && sameSource(c.source(), pn.source()) && normalize(c.value()).equals(pn.value())) {
                continue;
            }
            if (c.origin() == NameOrigin.DIRECTORY) {
                continue;
            }
            m.append("; also \"").append(c.value()).append("\" from ").append(describe(ctx, c.origin(), c.source(),
                    c.effective()));
        }
        Source at = pn.source().isKnown() ? pn.source()
                : all.stream().map(NameCandidate::source).filter(Source::isKnown).findFirst().orElse(Source.NONE);
        // -p on the command line is a deliberate, per-call choice (and the fix CG201 recommends after a rename):
        // the disagreement stays worth a warning, but must not block the call that repairs it.
        Severity severity = pn.origin() == NameOrigin.FLAG && !pinBroken ? Severity.WARNING : defaultSeverity();
        return List.of(finding(severity, at, m.toString(),
                "pin one name (top-level name: in the base compose file, and project-name in .compose-guard.yml) and remove"
                        + " the other COMPOSE_PROJECT_NAME settings; unpinned volumes are named <project>_<key>"));
    }

    /**
     * Every place that names the project: the loader's candidates, the project's .env when --env-file replaced it
     * (a deploy without --env-file reads it), and the name pinned in .compose-guard.yml.
     */
    private static List<NameCandidate> candidates(FileContext ctx, ProjectName pn) {
        List<NameCandidate> all = new ArrayList<>(pn.candidates());
        Set<Path> files = new LinkedHashSet<>();
        for (NameCandidate c : all) {
            if (c.source().isKnown()) {
                files.add(c.source().file().normalize());
            }
        }
        // The project's .env when --env-file replaced it: a deploy without --env-file reads it.
        Path dotenv = ctx.project().workingDir().resolve(".env").normalize();
        boolean dotenvRead = ctx.project().envFiles().stream().anyMatch(f -> f.path().normalize().equals(dotenv)
                && f.role() != dev.composeguard.project.EnvFileRole.SERVICE);
        if (!dotenvRead && !files.contains(dotenv)) {
            NameCandidate c = fromDotenv(dotenv);
            if (c != null) {
                all.add(c);
            }
        }
        String pinned = ctx.config().projectName();
        if (pinned != null && all.stream().noneMatch(c -> c.origin() == NameOrigin.CONFIG)) {
            all.add(new NameCandidate(NameOrigin.CONFIG, pinned, ctx.config().projectNameAt(), false));
        }
        return all;
    }

    private static boolean sameSource(Source a, Source b) {
        return a.equals(b) || (!a.isKnown() && !b.isKnown());
    }

    private static String describe(FileContext ctx, NameOrigin origin, Source s, boolean effective) {
        String where = s.isKnown() ? " " + ctx.at(s) : "";
        switch (origin) {
            case FLAG:
                return "-p";
            case SHELL_ENV:
                return "COMPOSE_PROJECT_NAME in the shell environment";
            case ENV_FILE:
                return "COMPOSE_PROJECT_NAME in" + where + (effective ? "" : " (not read by this selection)");
            case NAME_FIELD:
                return "name: in" + where;
            case DIRECTORY:
                return "the project directory's name";
            case SERVICE_ENV_FILE:
                return "COMPOSE_PROJECT_NAME in service env_file" + where + " (compose ignores it for the name)";
            case CONFIG:
                return "project-name pinned in" + where;
            default:
                return origin.name() + where;
        }
    }

    /** COMPOSE_PROJECT_NAME in a .env this selection does not read, parsed with the loader's own dotenv parser. */
    private static NameCandidate fromDotenv(Path dotenv) {
        if (!Files.isRegularFile(dotenv)) {
            return null;
        }
        try {
            var ref = new EnvFileRef(".env", dotenv, false, null, Source.of(dotenv));
            NameCandidate found = null;
            for (EnvVar v : EnvFileValues.read(ref, Environment.EMPTY, ComposeFlavor.V2)) {
                if (v.key().equals("COMPOSE_PROJECT_NAME") && v.value() != null && !v.value().isEmpty()) {
                    found = new NameCandidate(NameOrigin.ENV_FILE, v.value(), v.source(), false);
                }
            }
            return found;
        } catch (ProjectLoadException | RuntimeException e) {
            return null; // an unreadable .env that this selection does not read cannot disagree
        }
    }

    /** compose v2's name normalization, as the loader applies it. */
    public static String normalize(String s) {
        return s == null ? "" : ProjectNames.normalize(s);
    }
}
