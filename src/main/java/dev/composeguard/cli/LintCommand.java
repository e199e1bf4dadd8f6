package dev.composeguard.cli;

import dev.composeguard.exec.Projects;
import dev.composeguard.core.Ansi;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.rules.run.Lint;
import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.run.LoadErrors;
import dev.composeguard.rules.run.Linter;
import dev.composeguard.rules.run.Report;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compose-guard [compose flags] lint [compose flags] [--format F] [--fail-on S]}: the outage's hazards as
 * rules (docs/LINT.md). Exit 0: nothing at or above --fail-on; 1: findings; 2: usage, config or load error.
 */
@Command(name = LintCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Check a compose project for the mistakes that lose production data (docs/LINT.md).",
                "Compose's -f, -p, --project-directory, --env-file and --profile work before and after 'lint'.",
                "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, config or load error."})
public final class LintCommand implements Callable<Integer> {
    static final String NAME = "lint";

    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json, sarif, github (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "Exit 1 when a finding is at least this severe: error, warning, info (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--ansi", paramLabel = "WHEN", description = "Colour: never, always, auto (as for compose).")
    String ansi;

    public LintCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        dev.composeguard.core.Timings.mark("JVM start, picocli");
        Report.Format fmt = Report.Format.parse(format);
        if (fmt == null) {
            throw new GuardException(ExitCodes.USAGE, "unknown --format '" + format + "' (text, json, sarif, github)");
        }
        Severity threshold = Severity.parse(failOn);
        if (threshold == null) {
            throw new GuardException(ExitCodes.USAGE, "unknown --fail-on '" + failOn + "' (error, warning, info)");
        }
        // The engine's list of images is fetched while the project loads (both off this thread).
        dev.composeguard.rules.FileContext.Images images = Lint.images(ctx.env());
        Project project;
        try {
            project = Projects.load(ctx, compose.toGlobalOptions(), Projects.release(ctx));
        } catch (ProjectLoadException e) {
            var findings = LoadErrors.asFindings(e, ctx.cwd());
            if (findings.isEmpty()) {
                throw new GuardException(ExitCodes.USAGE, e.oneLine());
            }
            Linter.Result r = new Linter.Result(findings, 0, java.util.List.of(), null);
            new Report(ctx.cwd(), null, ctx.env().get("COMPOSE_GUARD_DOCS_URL"), dev.composeguard.core.Version.current())
                    .write(r, fmt, ctx.out(), color(fmt));
            return r.failsAt(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
        Linter.Result result;
        try {
            result = Lint.run(project, ctx.cwd(), ctx.env(), images);
        } catch (RuleConfig.ConfigException e) {
            throw new GuardException(ExitCodes.USAGE, e.getMessage());
        }
        new Report(ctx.cwd(), project.name().value(), ctx.env().get("COMPOSE_GUARD_DOCS_URL"), dev.composeguard.core.Version.current())
                .write(result, fmt, ctx.out(), color(fmt));
        dev.composeguard.core.Timings.mark("lint: report");
        if (!result.ruleFailures().isEmpty()) {
            ctx.say("lint rule(s) failed: " + String.join(", ", result.ruleFailures()) + " (a bug; please report it)");
            return ExitCodes.INTERNAL;
        }
        return result.failsAt(threshold) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private boolean color(Report.Format fmt) {
        return fmt == Report.Format.TEXT && Ansi.enabled(ctx, ctx.out(), ansi);
    }
}
