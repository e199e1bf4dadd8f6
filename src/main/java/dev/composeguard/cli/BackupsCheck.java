package dev.composeguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.composeguard.backup.BackupMetrics;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Retention;
import dev.composeguard.backup.offsite.ResticConfig;
import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineFor;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.exec.Projects;
import dev.composeguard.project.Project;
import dev.composeguard.project.Volume;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code backups check}: exit 1 naming every watched volume whose newest verified backup is older than
 * {@code --max-age} (or missing), with {@code --drill-age} also a missing recent drill, and a failed last push.
 */
final class BackupsCheck {
    private final CallContext ctx;
    private final ComposeOptions compose;
    private final String format;
    private final String textfile;
    private final Consumer<Object> print;
    private String maxAge;
    /** The project whose volumes are checked (null: every volume in the store). */
    private String checkedProject;

    BackupsCheck(CallContext ctx, ComposeOptions compose, String format, String textfile, Consumer<Object> print) {
        this.ctx = ctx;
        this.compose = compose;
        this.format = format;
        this.textfile = textfile;
        this.print = print;
    }

    int run(BackupStore store, String maxAge, String drillAge) {
        this.maxAge = maxAge;
        if (maxAge == null) {
            throw new GuardException(ExitCodes.USAGE, "check needs --max-age (e.g. 6h)");
        }
        Duration max = duration(maxAge);
        Duration maxDrill = drillAge == null ? null : duration(drillAge);
        TreeSet<String> watched = watchedVolumes(store);
        Instant now = Instant.now();
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        BackupMetrics metrics = new BackupMetrics(store);
        List<BackupMetrics.Verdict> verdicts = new ArrayList<>();
        int stale = checkVolumes(store, watched, max, now, arr, metrics, verdicts);
        String drillProblem = maxDrill == null ? null : DrillAge.problem(store.list(), watched, maxDrill, now);
        if (drillProblem != null) {
            stale++;
        }
        if (maxDrill != null && format.equals("json")) {
            ObjectNode n = arr.addObject();
            n.put("drill", drillProblem == null ? "ok" : drillProblem);
            n.put("stale", drillProblem != null);
        } else if (maxDrill != null && format.equals("text")) {
            ctx.out().println(drillProblem != null ? "STALE drill: " + drillProblem + ", max drill age " + drillAge
                    : "ok    drill: the newest backup passed a drill within " + drillAge);
        }
        if (format.equals("json")) {
            print.accept(arr);
        }
        List<String> pushFailed = OffsiteCheck.failedPushes(ctx, store, verdicts, checkedProject,
                !format.equals("text"));
        verdicts = OffsiteCheck.withPushVerdict(verdicts, pushFailed);
        if (format.equals("prometheus") || textfile != null) {
            CheckMetrics.write(ctx, metrics.render(verdicts, max, new ResticConfig(ctx.env()).configured(), now,
                    checkedProject),
                    format.equals("prometheus"), textfile, checkedProject);
        }
        return verdict(watched, pushFailed, stale, drillAge);
    }

    /** The project's volumes when one is given or the cwd holds one; else every volume in the store. */
    private TreeSet<String> watchedVolumes(BackupStore store) {
        TreeSet<String> watched = new TreeSet<>();
        boolean projectGiven = !compose.files.isEmpty() || compose.projectName != null
                || !ctx.invocation().global().files().isEmpty() || ctx.invocation().global().projectName() != null;
        List<String> fromProject = null;
        if (projectGiven) {
            fromProject = projectVolumes();
        } else {
            // In a project directory: that project's volumes; elsewhere: every volume in the store.
            try {
                fromProject = projectVolumes();
            } catch (GuardException e) {
                if (e.exitCode() != ExitCodes.USAGE) {
                    throw e;
                }
            }
        }
        if (fromProject != null) {
            watched.addAll(fromProject);
        } else {
            store.list().forEach(b -> b.manifest().volumes.forEach(v -> {
                if (v.name != null) {
                    watched.add(v.name);
                }
            }));
        }
        return watched;
    }

    /** One verdict per watched volume (printed as text or added to {@code arr}); the number of stale ones. */
    private int checkVolumes(BackupStore store, TreeSet<String> watched, Duration max, Instant now, ArrayNode arr,
            BackupMetrics metrics, List<BackupMetrics.Verdict> verdicts) {
        Map<String, Instant> newest = new LinkedHashMap<>();
        for (String v : watched) {
            newest.put(v, store.newestVerified(v));
        }
        int stale = 0;
        for (var e : newest.entrySet()) {
            Instant t = e.getValue();
            boolean ok = t != null && Duration.between(t, now).compareTo(max) <= 0;
            if (!ok) {
                stale++;
            }
            verdicts.add(new BackupMetrics.Verdict(metrics.projectOf(e.getKey(), checkedProject), e.getKey(), ok));
            if (format.equals("prometheus")) {
                continue;
            } else if (format.equals("json")) {
                ObjectNode n = arr.addObject();
                n.put("volume", e.getKey());
                n.put("newestVerifiedBackup", t == null ? null : t.toString());
                n.put("ageSeconds", t == null ? null : Duration.between(t, now).toSeconds());
                n.put("stale", !ok);
            } else if (!ok) {
                ctx.out().println("STALE " + e.getKey() + ": " + (t == null ? "no verified backup"
                        : "newest verified backup " + age(Duration.between(t, now)) + " old (" + t + ")")
                        + ", max age " + maxAge);
            } else {
                ctx.out().println("ok    " + e.getKey() + ": newest verified backup " + age(Duration.between(t, now))
                        + " old");
            }
        }
        return stale;
    }

    private int verdict(TreeSet<String> watched, List<String> pushFailed, int stale, String drillAge) {
        if (watched.isEmpty()) {
            ctx.say("no volume to check");
        }
        if (!pushFailed.isEmpty()) {
            ctx.say("the last push to the restic repository failed for " + String.join(", ", pushFailed)
                    + " (compose-guard backups push retries)");
            return ExitCodes.FINDINGS;
        }
        if (stale > 0) {
            ctx.say(stale + " problem(s): a volume without a verified backup younger than " + maxAge
                    + (drillAge == null ? "" : ", or no successful drill within " + drillAge));
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }

    private static Duration duration(String text) {
        try {
            return Retention.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new GuardException(ExitCodes.USAGE, e.getMessage());
        }
    }

    private List<String> projectVolumes() {
        List<String> out = new ArrayList<>();
        CommandTarget target = CommandTarget.of(ctx, compose, error -> { });
        Project project = target.project();
        String name = target.name();
        checkedProject = name;
        try (EngineClient engine = EngineFor.connect(ctx, project != null ? project.flavor() : Projects.flavor(ctx),
                project)) {
            if (project != null) {
                for (Volume v : project.volumes().values()) {
                    if (!v.external() && engine.volume(v.engineName()).isPresent()) {
                        out.add(v.engineName());
                    }
                }
            }
            for (EngineVolume ev : engine.volumes(Map.of(EngineVolume.PROJECT_LABEL, name))) {
                if (!out.contains(ev.name())) {
                    out.add(ev.name());
                }
            }
        }
        return out;
    }

    private static String age(Duration d) {
        if (d.toMinutes() < 120) {
            return d.toMinutes() + " min";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}
