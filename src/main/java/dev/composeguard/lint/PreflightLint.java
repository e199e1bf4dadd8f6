package dev.composeguard.lint;

import dev.composeguard.cli.ExitCodes;
import dev.composeguard.cli.GuardException;
import dev.composeguard.guard.GuardedContext;
import dev.composeguard.guard.Step;
import dev.composeguard.project.Project;
import dev.composeguard.prompt.Confirm;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Runs the lint rules before up, create, run, start, restart, build, pull and down, and prints the findings on
 * stderr. Error-level findings stop up, create and run unless a human types the project name on the terminal or
 * {@code COMPOSE_GUARD_CONFIRM} equals the project name.
 */
public final class PreflightLint implements Step {
    static final Set<String> LINTED = Set.of("up", "create", "run", "start", "restart", "build", "pull", "down");
    static final Set<String> BLOCKING = Set.of("up", "create", "run");

    @Override
    public void before(GuardedContext ctx) {
        String command = ctx.command();
        if (command == null || !LINTED.contains(command)) {
            return;
        }
        var call = ctx.call();
        Project project = ctx.project();
        if (project == null) {
            return; // GuardedCall has said why, once
        }
        Linter.Result result;
        try {
            result = Lint.run(project, call.cwd(), call.env());
        } catch (LintConfig.ConfigException e) {
            call.say("warning: lint skipped: " + e.getMessage());
            return;
        }
        for (String failure : result.ruleFailures()) {
            call.say("warning: lint rule " + failure + " failed (a bug in compose-guard)");
        }
        if (result.findings().isEmpty()) {
            return;
        }
        boolean color = dev.composeguard.cli.Ansi.enabled(call);
        Report report = new Report(call.cwd(), project.name().value(), call.env().get("COMPOSE_GUARD_DOCS_URL"),
                dev.composeguard.cli.GuardCli.version());
        long errors = result.count(Severity.ERROR);
        call.say("lint: " + errors + " error(s), " + result.count(Severity.WARNING) + " warning(s), "
                + result.count(Severity.INFO) + " info in project " + project.name().value()
                + " (details: compose-guard lint with the same flags)");
        for (Finding f : result.findings()) {
            call.err().println(report.textLine(f, color));
        }
        if (errors == 0 || !BLOCKING.contains(command)) {
            return;
        }
        Set<String> codes = new LinkedHashSet<>();
        result.findings().stream().filter(f -> f.severity() == Severity.ERROR).forEach(f -> codes.add(f.code()));
        String name = project.name().value();
        String plan = "compose-guard: " + command + " of project " + name + " has " + errors
                + " lint error(s) (" + String.join(", ", codes) + ") that can lose or misplace data.";
        if (Confirm.confirm(call, plan, name)) {
            call.say("lint errors confirmed for project " + name + "; going on");
            return;
        }
        throw new GuardException(ExitCodes.REFUSED, "refusing " + command + ": lint found " + errors + " error(s) ("
                + String.join(", ", codes) + ") in project " + name + "; fix them, or confirm by typing the project"
                + " name on a terminal or with COMPOSE_GUARD_CONFIRM=" + name);
    }
}
