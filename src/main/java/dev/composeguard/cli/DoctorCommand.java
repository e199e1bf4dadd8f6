package dev.composeguard.cli;

import dev.composeguard.exec.Projects;
import dev.composeguard.engine.EngineFor;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.engine.EngineReads;
import dev.composeguard.exec.ComposeVersion;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.exec.RealComposeFinder;
import dev.composeguard.guard.DriftCheck;
import dev.composeguard.rules.engine.DriftText;
import dev.composeguard.rules.run.EngineChecks;
import dev.composeguard.core.JsonCodec;
import dev.composeguard.ledger.LedgerStore;
import dev.composeguard.rules.Finding;
import dev.composeguard.rules.run.Lint;
import dev.composeguard.rules.RuleConfig;
import dev.composeguard.rules.run.Linter;
import dev.composeguard.rules.run.Report;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.ComposeRelease;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.Volume;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compose-guard doctor}: every check in one report (the pre-deployment checklist): the real compose and its
 * version, the guard's installation in front of it, the engine, the project, lint, the deploy-time engine checks
 * (CG2xx), the deploy ledger and the backups. Exit 0 (OK) or 1 (FINDINGS).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Runs every check on the project and this machine and prints one report with a verdict.",
                "Exit code 0 when all is well, 1 when there are findings or a check failed."})
public final class DoctorCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    public DoctorCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    /** The outcome of one check. */
    enum Status {
        OK, WARN, FAIL, SKIPPED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Check(String name, Status status, String detail) {
    }

    private final List<Check> checks = new ArrayList<>();
    /** File rules' findings, then engine rules': one list, printed alike. */
    private final List<Finding> findings = new ArrayList<>();
    private Report report;
    private boolean engineClosed;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new GuardException(ExitCodes.USAGE, "--format must be text or json, not " + format);
        }
        RealCompose real = composeChecks();
        installationChecks(real);
        EngineReads engine = engineCheck();
        Project project = projectCheck(real);
        if (project != null) {
            lintCheck(project);
            driftChecks(project, engine);
            ledgerCheck(project);
        }
        backupsCheck(project);
        if (engine != null && !engineClosed) {
            engine.close();
        }
        boolean bad = checks.stream().anyMatch(c -> c.status() == Status.FAIL || c.status() == Status.WARN)
                || findings.stream().anyMatch(f -> f.severity() != Severity.INFO);
        int code = bad ? ExitCodes.FINDINGS : ExitCodes.OK;
        if (format.equals("json")) {
            printJson(project, code);
        } else {
            printText(project, code);
        }
        return code;
    }

    private RealCompose composeChecks() {
        try {
            RealCompose real = RealComposeFinder.of(ctx).find();
            ComposeVersion v = ComposeVersion.of(real, ctx.env());
            checks.add(new Check("compose", Status.OK,
                    (real.plugin() ? "docker compose plugin " : "docker-compose ")
                    + v.describe() + " at " + real.path() + " (" + real.origin() + ")"
                    + (v.flavor() == ComposeFlavor.V1 ? "; v1 is end-of-life: its naming and .env rules differ from v2" : "")));
            return real;
        } catch (GuardException e) {
            checks.add(new Check("compose", Status.FAIL, e.getMessage()));
            return null;
        }
    }

    /** Is the guard in front of compose? {@code docker-compose} on PATH and the docker CLI plugin. */
    private void installationChecks(RealCompose real) {
        RealComposeFinder finder = RealComposeFinder.of(ctx);
        Path onPath = null;
        for (String entry : ctx.env().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "docker-compose"))) {
                onPath = Path.of(entry, "docker-compose");
                break;
            }
        }
        if (onPath == null) {
            checks.add(new Check("alias", Status.OK, "no docker-compose on PATH"));
        } else if (finder.isSelf(onPath)) {
            checks.add(new Check("alias", Status.OK, "docker-compose on PATH (" + onPath + ") is the compose-guard shim"));
        } else {
            checks.add(new Check("alias", Status.WARN, "docker-compose on PATH (" + onPath + ") is the real compose:"
                    + " `docker-compose up` bypasses the guard (install.sh --alias puts the shim first; shell aliases"
                    + " cannot be seen from here)"));
        }
        String dc = ctx.env().get("DOCKER_CONFIG");
        Path configDir = dc != null && !dc.isEmpty() ? Path.of(dc)
                : Path.of(ctx.env().getOrDefault("HOME", System.getProperty("user.home")), ".docker");
        Path plugin = configDir.resolve("cli-plugins").resolve("docker-compose");
        if (!Files.exists(plugin)) {
            boolean systemPlugin = real != null && real.plugin();
            checks.add(new Check("plugin", systemPlugin ? Status.WARN : Status.OK, systemPlugin
                    ? "no " + plugin + ": `docker compose` runs " + real.path() + " directly, bypassing the guard"
                    : "no " + plugin + " (no docker compose plugin to shadow)"));
        } else if (finder.isSelf(plugin)) {
            checks.add(new Check("plugin", Status.OK, plugin + " is the compose-guard shim"));
        } else {
            checks.add(new Check("plugin", Status.WARN, plugin + " is the real compose plugin: `docker compose` bypasses"
                    + " the guard (install.sh installs the shim there)"));
        }
    }

    private EngineReads engineCheck() {
        try {
            EngineReads e = DriftCheck.connect(EngineFor.target(ctx, Projects.flavor(ctx), null));
            checks.add(new Check("engine", Status.OK, "Docker Engine " + e.serverVersion()));
            return e;
        } catch (GuardException | IllegalArgumentException e) {
            checks.add(new Check("engine", Status.FAIL, e.getMessage()));
            return null;
        }
    }

    private Project projectCheck(RealCompose real) {
        ComposeRelease release = real == null ? ComposeRelease.newest(ComposeFlavor.V2)
                : ComposeVersion.of(real, ctx.env()).release();
        try {
            Project p = Projects.load(ctx, compose.toGlobalOptions(), release);
            checks.add(new Check("project", Status.OK, "project " + p.name().value() + " (name from "
                    + DriftText.nameSource(p.name(), p.workingDir()) + "), " + p.services().size() + " services, "
                    + p.volumes().size() + " volumes, files: " + p.files().stream()
                            .map(f -> rel(f.path(), p.workingDir())).reduce((a, b) -> a + ", " + b).orElse("none")));
            return p;
        } catch (ProjectLoadException e) {
            checks.add(new Check("project", Status.FAIL, e.oneLine()));
            return null;
        }
    }

    /** The file rules (CG1xx), with the project's .compose-guard.yml as {@code compose-guard lint} uses it. */
    private void lintCheck(Project project) {
        report = new Report(project.workingDir(), project.name().value(), null, dev.composeguard.core.Version.current());
        try {
            Linter.Result r = Lint.run(project, ctx.cwd(), ctx.env());
            findings.addAll(r.findings());
            checks.add(new Check("lint", r.findings().isEmpty() ? Status.OK : Status.WARN, r.count(Severity.ERROR)
                    + " error(s), " + r.count(Severity.WARNING) + " warning(s), " + r.count(Severity.INFO) + " info"
                    + (r.ruleFailures().isEmpty() ? "" : "; rules that failed: " + String.join(", ", r.ruleFailures()))));
        } catch (RuleConfig.ConfigException | RuntimeException e) {
            checks.add(new Check("lint", Status.FAIL, "lint could not run: " + e.getMessage()));
        }
    }

    /** The engine rules (CG2xx), with the same configuration. */
    private void driftChecks(Project project, EngineReads engine) {
        if (engine == null) {
            checks.add(new Check("drift", Status.SKIPPED, "deploy-time checks need the engine"));
            return;
        }
        try {
            List<Finding> f = DriftCheck.runAll(project, ctx.env(), LedgerStore.forEnv(ctx.env()), () -> {
                engineClosed = true; // the checks close the client they are given
                return engine;
            }, ctx).findings();
            findings.addAll(f);
            checks.add(new Check("drift", f.isEmpty() ? Status.OK : Status.WARN, f.isEmpty()
                    ? "no orphaned data, credential drift or bind-mount takeover; nothing changed since the last deploy"
                    : f.size() + " finding(s), below"));
        } catch (GuardException e) {
            checks.add(new Check("drift", Status.FAIL, e.getMessage()));
        }
    }

    /** A finding in doctor's JSON, file and engine rules alike. */
    private static Map<String, Object> toJson(Finding f, Path wd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code());
        m.put("rule", f.rule());
        m.put("severity", f.severity().label());
        m.put("message", f.message());
        m.put("fix", f.hint());
        m.put("file", f.source().file() == null ? null
                : new dev.composeguard.project.Source(f.source().file(), 0, 0).display(wd));
        m.put("line", f.source().line());
        m.put("blocking", EngineChecks.asksConsent(f));
        return m;
    }

    private void ledgerCheck(Project project) {
        LedgerStore store = LedgerStore.forEnv(ctx.env());
        try {
            var all = store.read(project.workingDir());
            if (all.isEmpty()) {
                checks.add(new Check("ledger", Status.OK, "no deploy recorded yet for " + project.workingDir()
                        + " (" + store.fileFor(project.workingDir()) + ")"));
            } else {
                var last = all.get(all.size() - 1);
                checks.add(new Check("ledger", Status.OK, all.size() + " deploy(s) recorded; last " + text(last.get("time"))
                        + " as project " + text(last.get("project")) + " (" + store.fileFor(project.workingDir()) + ")"));
            }
        } catch (java.io.IOException | RuntimeException e) {
            checks.add(new Check("ledger", Status.FAIL, "cannot read " + store.fileFor(project.workingDir()) + ": "
                    + e.getMessage()));
        }
    }

    /**
     * The newest verified backup of each data volume of the project (the backup store's manifests). Volumes without
     * one make the check WARN. {@code compose-guard backups check} has the full policy.
     */
    private void backupsCheck(Project project) {
        if (project == null) {
            checks.add(new Check("backups", Status.SKIPPED, "needs the project"));
            return;
        }
        try {
            BackupStore store = BackupStore.fromEnv(ctx.env());
            List<String> missing = new ArrayList<>();
            List<String> have = new ArrayList<>();
            for (Volume v : project.volumesOfActiveServices(false)) {
                if (v.external()) {
                    continue;
                }
                Instant newest = store.newestVerified(v.engineName());
                if (newest == null) {
                    missing.add(v.engineName());
                } else {
                    long hours = Duration.between(newest, Instant.now()).toHours();
                    have.add(v.engineName() + " " + (hours < 48 ? hours + " h" : hours / 24 + " days") + " ago");
                }
            }
            if (missing.isEmpty() && have.isEmpty()) {
                checks.add(new Check("backups", Status.OK, "no data volumes to back up"));
            } else if (missing.isEmpty()) {
                checks.add(new Check("backups", Status.OK, "newest verified backups: " + String.join(", ", have)));
            } else {
                checks.add(new Check("backups", Status.WARN, "no verified backup of " + String.join(", ", missing)
                        + " in " + store.root() + (have.isEmpty() ? "" : "; newest of the others: " + String.join(", ", have))
                        + " (compose-guard backup)"));
            }
        } catch (RuntimeException e) {
            checks.add(new Check("backups", Status.FAIL, "cannot read the backups: " + e.getMessage()));
        }
    }

    private void printText(Project p, int code) {
        PrintStream out = ctx.out();
        out.println("compose-guard doctor" + (p == null ? "" : ": project " + p.name().value() + " in " + p.workingDir()));
        for (Check c : checks) {
            out.printf("  %-8s %-8s %s%n", c.status().label(), c.name(), c.detail());
        }
        if (!findings.isEmpty()) {
            out.println("findings:");
            for (Finding f : findings) {
                out.println("  " + report.textLine(f, false));
            }
        }
        long failed = checks.stream().filter(c -> c.status() == Status.FAIL || c.status() == Status.WARN).count();
        out.println("verdict: " + (code == ExitCodes.OK ? "OK" : "FINDINGS") + " (" + findings.size() + " finding(s), "
                + failed + " check(s) not ok)");
    }

    private void printJson(Project p, int code) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("verdict", code == ExitCodes.OK ? "OK" : "FINDINGS");
        r.put("exitCode", code);
        r.put("project", p == null ? null : p.name().value());
        r.put("workingDir", p == null ? null : p.workingDir().toString());
        List<Object> cs = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("status", c.status().label());
            m.put("detail", c.detail());
            cs.add(m);
        }
        r.put("checks", cs);
        Path wd = p == null ? ctx.cwd() : p.workingDir();
        List<Object> fs = new ArrayList<>();
        for (Finding f : findings) {
            fs.add(toJson(f, wd));
        }
        r.put("findings", fs);
        try {
            ctx.out().println(JsonCodec.MAPPER.writeValueAsString(r));
        } catch (IOException e) {
            throw new UncheckedIOException("writing a JSON tree in memory", e);
        }
    }

    /** A string field of a ledger record; anything else (missing, a number) reads as null, as it always has. */
    private static String text(Object v) {
        return v instanceof String str ? str : null;
    }

    private static String rel(Path f, Path wd) {
        return f.isAbsolute() && f.startsWith(wd) ? wd.relativize(f).toString() : f.toString();
    }
}
