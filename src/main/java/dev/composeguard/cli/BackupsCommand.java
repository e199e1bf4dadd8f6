package dev.composeguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.composeguard.backup.BackupMetrics;
import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.backup.Retention;
import dev.composeguard.backup.Sizes;
import dev.composeguard.backup.Verifier;
import dev.composeguard.backup.offsite.RemotePrune;
import dev.composeguard.backup.offsite.Restic;
import dev.composeguard.backup.offsite.ResticConfig;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineVolume;
import dev.composeguard.project.Project;
import dev.composeguard.project.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose-guard backups list|verify|push|prune|check}. */
@Command(name = "backups", mixinStandardHelpOptions = true,
        description = {"List, verify, prune and check the backups compose-guard took.",
                "  list    every backup (newest last)",
                "  verify  re-read every archive and dump: checksum, zstd/gzip integrity, entry counts (exit 4 on a bad backup)",
                "  push    send verified backups the restic repository (RESTIC_REPOSITORY…) lacks, then check them there",
                "  prune   delete backups outside the retention (--keep-*); the newest verified backup of every volume"
                        + " is always kept; --dry-run shows the list; the same retention applies to the restic repository",
                "  check   exit 1 naming every volume whose newest verified backup is older than --max-age (or missing)"
                        + "; with compose flags or in a project directory, that project's existing volumes, else every volume in the store"})
public final class BackupsCommand implements Callable<Integer> {
    private final CallContext ctx;

    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, verify, prune or check")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BACKUP", description = "verify: only this backup")
    String only;

    @Parameters(index = "2..*", arity = "0..*", paramLabel = "BACKUP", description = "push: more backups")
    List<String> more = new ArrayList<>();

    @Option(names = "--remote", description = "list: what the restic repository holds")
    boolean remote;

    @Option(names = "--textfile", paramLabel = "DIR", description = "check: also write the metrics into DIR "
            + "(node_exporter's textfile collector), atomically")
    String textfile;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json; check: prometheus")
    String format = "text";

    @Option(names = "--keep-hourly", paramLabel = "N", description = "prune: keep every backup of the last N hours")
    int keepHourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "prune: keep the newest backup of each of the last N days")
    int keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "prune: keep the newest backup of each of the last N weeks")
    int keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "prune: keep the newest backup of each of the last N months")
    int keepMonthly;

    @Option(names = "--dry-run", description = "prune: show what would be deleted")
    boolean dryRun;

    @Option(names = "--max-age", paramLabel = "AGE", description = "check: e.g. 6h, 30m, 2d")
    String maxAge;

    /** check: the project whose volumes are checked (null: every volume in the store). */
    private String checkedProject;

    public BackupsCommand(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json") && !(format.equals("prometheus") && "check".equals(action))) {
            throw new GuardException(ExitCodes.USAGE, "--format must be text or json (prometheus: check only)");
        }
        BackupStore store = BackupStore.fromEnv(ctx.env());
        return switch (action) {
            case "list" -> list(store);
            case "verify" -> verify(store);
            case "push" -> BackupsPush.run(ctx, store, only == null ? List.of()
                    : java.util.stream.Stream.concat(java.util.stream.Stream.of(only), more.stream()).toList());
            case "prune" -> prune(store);
            case "check" -> check(store);
            default -> throw new GuardException(ExitCodes.USAGE, "unknown action " + action
                    + " (list, verify, push, prune or check)");
        };
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private void print(Object node) {
        try {
            ctx.out().println(json().writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int list(BackupStore store) {
        if (remote) {
            return BackupsRemoteList.run(ctx, format);
        }
        List<BackupStore.StoredBackup> all = store.list();
        if (format.equals("json")) {
            ArrayNode arr = json().createArrayNode();
            for (BackupStore.StoredBackup b : all) {
                ObjectNode n = json().valueToTree(b.manifest());
                n.put("dir", b.dir().toString());
                arr.add(n);
            }
            print(arr);
            return ExitCodes.OK;
        }
        if (all.isEmpty()) {
            ctx.out().println("no backups in " + store.root());
        }
        for (BackupStore.StoredBackup b : all) {
            Manifest m = b.manifest();
            long bytes = m.volumes.stream().mapToLong(v -> v.archiveBytes).sum() + m.dumps.stream().mapToLong(d -> d.bytes).sum();
            ctx.out().println(b.id() + "  " + m.createdAt + "  " + (m.verified ? "verified" : "UNVERIFIED") + "  "
                    + Sizes.human(bytes) + "  " + m.reason + "  " + String.join(", ",
                            m.volumes.stream().map(v -> v.name != null ? v.name : v.container + ":" + v.path).toList())
                    + (m.dumps.isEmpty() ? "" : "  dumps: " + String.join(", ", m.dumps.stream().map(d -> d.container
                            + " (" + d.kind + ")").toList())));
        }
        return ExitCodes.OK;
    }

    private int verify(BackupStore store) {
        List<BackupStore.StoredBackup> all;
        if (only != null) {
            BackupStore.StoredBackup b = store.find(only);
            if (b == null) {
                throw new GuardException(ExitCodes.USAGE, "no backup " + only + " in " + store.root());
            }
            all = List.of(b);
        } else {
            all = store.list();
        }
        int bad = 0;
        ArrayNode arr = json().createArrayNode();
        for (BackupStore.StoredBackup b : all) {
            Verifier.Result r = Verifier.verify(b.dir(), b.manifest(), null, null);
            List<String> problems = new ArrayList<>(r.problems());
            if (!b.manifest().verified) {
                problems.add("never verified when it was taken");
            }
            if (!problems.isEmpty()) {
                bad++;
            }
            if (format.equals("json")) {
                ObjectNode n = arr.addObject();
                n.put("id", b.id());
                n.put("dir", b.dir().toString());
                n.put("ok", problems.isEmpty());
                ArrayNode p = n.putArray("problems");
                problems.forEach(p::add);
            } else {
                ctx.out().println(b.id() + ": " + (problems.isEmpty() ? "ok" : "BAD: " + String.join("; ", problems)));
            }
        }
        if (format.equals("json")) {
            print(arr);
        }
        return bad == 0 ? ExitCodes.OK : ExitCodes.BACKUP_FAILED;
    }

    private int prune(BackupStore store) {
        Retention policy = new Retention(keepHourly, keepDaily, keepWeekly, keepMonthly);
        if (policy.isEmpty()) {
            throw new GuardException(ExitCodes.USAGE, "prune needs at least one of --keep-hourly, --keep-daily, "
                    + "--keep-weekly, --keep-monthly");
        }
        if (new ResticConfig(ctx.env()).configured()) {
            // The repository first: when it cannot be reached (exit 8), nothing is deleted anywhere.
            new RemotePrune(store, new Restic(new ResticConfig(ctx.env())), ctx::say).prune(policy, Instant.now(), dryRun)
                    .forEach(id -> ctx.err().println("compose-guard: " + (dryRun ? "would forget " : "forgot ") + id
                            + " in the restic repository"));
        }
        List<BackupStore.StoredBackup> gone = policy.prune(store.list(), Instant.now());
        ArrayNode arr = json().createArrayNode();
        for (BackupStore.StoredBackup b : gone) {
            if (!dryRun) {
                deleteTree(b.dir());
            }
            if (format.equals("json")) {
                arr.add(b.id());
            } else {
                ctx.out().println((dryRun ? "would delete " : "deleted ") + b.id());
            }
        }
        if (format.equals("json")) {
            print(arr);
        }
        return ExitCodes.OK;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new GuardException(ExitCodes.INTERNAL, "cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private int check(BackupStore store) {
        if (maxAge == null) {
            throw new GuardException(ExitCodes.USAGE, "check needs --max-age (e.g. 6h)");
        }
        Duration max;
        try {
            max = Retention.parseDuration(maxAge);
        } catch (IllegalArgumentException e) {
            throw new GuardException(ExitCodes.USAGE, e.getMessage());
        }
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
        Instant now = Instant.now();
        Map<String, Instant> newest = new LinkedHashMap<>();
        for (String v : watched) {
            newest.put(v, store.newestVerified(v));
        }
        int stale = 0;
        ArrayNode arr = json().createArrayNode();
        BackupMetrics metrics = new BackupMetrics(store);
        List<BackupMetrics.Verdict> verdicts = new ArrayList<>();
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
        if (format.equals("json")) {
            print(arr);
        }
        List<String> pushFailed = OffsiteCheck.failedPushes(ctx, store, verdicts, checkedProject,
                !format.equals("text"));
        verdicts = OffsiteCheck.withPushVerdict(verdicts, pushFailed);
        if (format.equals("prometheus") || textfile != null) {
            CheckMetrics.write(ctx, metrics.render(verdicts, max, new ResticConfig(ctx.env()).configured(), now,
                    checkedProject),
                    format.equals("prometheus"), textfile, checkedProject);
        }
        if (watched.isEmpty()) {
            ctx.say("no volume to check");
        }
        if (!pushFailed.isEmpty()) {
            ctx.say("the last push to the restic repository failed for " + String.join(", ", pushFailed)
                    + " (compose-guard backups push retries)");
            return ExitCodes.FINDINGS;
        }
        if (stale > 0) {
            ctx.say(stale + " volume(s) without a verified backup younger than " + maxAge);
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }

    private List<String> projectVolumes() {
        List<String> out = new ArrayList<>();
        Projects.Target target = Projects.target(ctx, compose, error -> { });
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
