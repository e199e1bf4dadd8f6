package dev.composeguard.guard;

import dev.composeguard.rules.Severity;
import dev.composeguard.rules.run.Report;
import dev.composeguard.rules.run.Linter;
import dev.composeguard.rules.run.Lint;
import dev.composeguard.rules.Finding;
import dev.composeguard.guard.ConsentPlan;
import dev.composeguard.guard.GuardedContext;
import dev.composeguard.guard.Step;
import dev.composeguard.project.Project;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the lint rules before up, create, run, start, restart, build, pull and down, and prints the findings on
 * stderr. Error-level findings before up, create and run join the call's consent plan instead: the call goes on only
 * when a human types the project name at the call's one question, or {@code COMPOSE_GUARD_CONFIRM} names it.
 */
public final class PreflightLint implements Step {
    static final Set<String> LINTED = Set.of("up", "create", "run", "start", "restart", "build", "pull", "down");
    static final Set<String> BLOCKING = Set.of("up", "create", "run");

    /** "1 error", "2 errors". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

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
        Linter.Result result = Lint.run(project, ctx.ruleConfig(), call.cwd(), call.env());
        for (String failure : result.ruleFailures()) {
            call.say("warning: lint rule " + failure + " failed (a bug in compose-guard)");
        }
        if (result.findings().isEmpty()) {
            return;
        }
        Report report = new Report(call.cwd(), project.name().value(), call.env().get("COMPOSE_GUARD_DOCS_URL"),
                dev.composeguard.core.Version.current());
        long errors = result.count(Severity.ERROR);
        String name = project.name().value();
        String summary = "lint: " + count(errors, "error") + ", " + count(result.count(Severity.WARNING), "warning")
                + ", " + result.count(Severity.INFO) + " info in project " + name + ":";
        if (errors == 0 || !BLOCKING.contains(command)) {
            boolean color = dev.composeguard.core.Ansi.enabled(call);
            call.say(summary);
            for (Finding f : result.findings()) {
                call.err().println(report.textLine(f, color));
            }
            return;
        }
        // Errors stop the call until someone says yes: the findings become part of the call's one plan, shown once
        // with the question (GuardedCall.askOnce) instead of here and again there.
        Set<String> codes = new LinkedHashSet<>();
        result.findings().stream().filter(f -> f.severity() == Severity.ERROR).forEach(f -> codes.add(f.code()));
        List<String> lines = new ArrayList<>();
        lines.add(summary);
        for (Finding f : result.findings()) {
            lines.addAll(List.of(report.textLine(f, false).split("\n")));
        }
        lines.add(command + " of project " + name + " has " + count(errors, "lint error") + " ("
                + String.join(", ", codes) + ") that can lose or misplace data.");
        ctx.consent().add(name, new ConsentPlan.Part(lines, "lint found " + count(errors, "error") + " ("
                + String.join(", ", codes) + "): fix them or accept them"));
    }
}
