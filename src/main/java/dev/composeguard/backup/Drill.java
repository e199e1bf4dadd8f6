package dev.composeguard.backup;

import dev.composeguard.core.GuardException;
import dev.composeguard.engine.ContainerRuntime;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.ScratchContainer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A restore drill: every volume of a backup restored into a scratch volume (through {@link Restorer}, the same path
 * as {@code restore}); for a database volume the service's own image started on it with its command, entrypoint,
 * user and environment, no network, until the database answers, then counted and compared with the counts taken
 * when the backup started. Scratch containers and volumes carry {@link #LABEL} and are always removed.
 */
public final class Drill {
    public static final String LABEL = "dev.compose-guard.drill";

    private final EngineClient engine;
    private final Consumer<String> say;
    private final Duration timeout;

    public Drill(EngineClient engine, Consumer<String> say, Duration timeout) {
        this.engine = engine;
        this.say = say;
        this.timeout = timeout;
    }

    /**
     * The service's current container for a volume archive (env, healthcheck), or null. Its environment is used to
     * start the scratch container and never stored or shown.
     */
    public interface LiveRuntime extends Function<Manifest.VolumeArchive, ContainerRuntime> {
    }

    public Manifest.DrillRecord run(BackupStore.StoredBackup b, LiveRuntime live) {
        Manifest.DrillRecord rec = new Manifest.DrillRecord();
        Instant start = Instant.now();
        rec.at = start.truncatedTo(ChronoUnit.SECONDS).toString();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        int i = 0;
        for (Manifest.VolumeArchive a : b.manifest().volumes) {
            rec.volumes.add(one(b, a, "cg-drill-" + tag + "-" + i++, live));
        }
        rec.ok = rec.volumes.stream().noneMatch(v -> "failed".equals(v.result));
        rec.seconds = seconds(start);
        return rec;
    }

    private static double seconds(Instant since) {
        return Math.round(Duration.between(since, Instant.now()).toMillis() / 100.0) / 10.0;
    }

    private Manifest.DrillVolume one(BackupStore.StoredBackup b, Manifest.VolumeArchive a, String scratch,
            LiveRuntime live) {
        Manifest.DrillVolume v = new Manifest.DrillVolume();
        Instant start = Instant.now();
        v.volume = a.name != null ? a.name : a.container + ":" + a.path;
        v.service = a.services.isEmpty() ? null : a.services.get(0);
        v.database = a.database;
        v.expected = a.counts;
        if (a.name == null) {
            v.result = "skipped";
            v.reason = "a container directory, not a volume";
            return v;
        }
        boolean created = false;
        String container = null;
        try {
            Restorer r = new Restorer(engine, m -> { }).labelled(Map.of(LABEL, b.id()));
            Restorer.Step step = r.look(b, a, scratch);
            created = true;
            r.restore(b, step, false);
            v.counts.put("entries", a.entries);
            DbProbe probe = DbProbe.of(a.database);
            ContainerRuntime rt = runtime(a, live);
            if (probe == null) {
                v.result = "ok"; // no database: restored, checksum and entry count checked
                return v;
            }
            if (rt == null || a.mountPath == null) {
                return failed(v, "no runtime recorded for service " + v.service + " and no container of it to copy");
            }
            container = engine.startScratch(new ScratchContainer(rt, scratch, a.mountPath, Map.of(LABEL, b.id())));
            String why = awaitReady(container, probe, rt);
            if (why != null) {
                return failed(v, why);
            }
            v.started = true;
            return counted(v, container, probe, rt);
        } catch (GuardException e) {
            return failed(v, e.getMessage());
        } catch (RuntimeException e) {
            return failed(v, BackupRunner.reason(e));
        } finally {
            v.seconds = seconds(start);
            cleanUp(container, created ? scratch : null);
        }
    }

    private static Manifest.DrillVolume failed(Manifest.DrillVolume v, String why) {
        v.result = "failed";
        v.reason = why;
        return v;
    }

    /** The recorded runtime with the live container's environment and healthcheck; else the live one; else null. */
    static ContainerRuntime runtime(Manifest.VolumeArchive a, LiveRuntime live) {
        ContainerRuntime now = live == null ? null : live.apply(a);
        Manifest.Runtime r = a.runtime;
        if (r == null || r.cmd == null || r.entrypoint == null) {
            return now;
        }
        List<String> env = now == null ? List.of() : now.env();
        List<String> health = r.healthcheck != null && !r.healthcheck.isEmpty() ? r.healthcheck
                : now == null ? List.of() : now.healthcheck();
        return new ContainerRuntime(r.image, r.imageId, r.entrypoint, r.cmd, r.user, env, health);
    }

    /** Null once the database answers; else why it never did. */
    private String awaitReady(String id, DbProbe probe, ContainerRuntime rt) {
        // The service's own healthcheck when it has one (it knows the service best), and the kind's probe (the counts
        // need it to answer queries).
        List<String> own = healthcheck(rt.healthcheck());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String status = engine.status(id);
            if (!status.equals("running")) {
                return "the database did not start (" + status + ")" + lastLog(id, rt);
            }
            if ((own == null || engine.exec(id, null, own, new ByteArrayOutputStream(), null) == 0)
                    && engine.exec(id, null, probe.readyCommand(), new ByteArrayOutputStream(), null) == 0) {
                return null;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "no answer within " + timeout.toSeconds() + " s" + lastLog(id, rt);
    }

    /** A compose healthcheck test as an exec command (null for NONE or an unknown form). */
    static List<String> healthcheck(List<String> test) {
        if (test.isEmpty()) {
            return null;
        }
        return switch (test.get(0)) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> test.size() > 1 ? List.of("sh", "-c", test.get(1)) : null;
            default -> null;
        };
    }

    private String lastLog(String id, ContainerRuntime rt) {
        String log = engine.logTail(id, 30).strip();
        if (log.isEmpty()) {
            return "";
        }
        // The line that says why (PostgreSQL ends with "database system is shut down" after its FATAL/PANIC).
        String line = log.substring(log.lastIndexOf('\n') + 1);
        for (String l : log.split("\n")) {
            if (l.contains("FATAL") || l.contains("PANIC") || l.contains("[ERROR]")) {
                line = l;
            }
        }
        line = Redact.values(line.strip(), rt.env());
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    private Manifest.DrillVolume counted(Manifest.DrillVolume v, String id, DbProbe probe, ContainerRuntime rt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = engine.exec(id, null, probe.countCommand(), out, err);
        Map<String, Long> counts = DbProbe.parseCounts(out.toString(StandardCharsets.UTF_8));
        if (code != 0 || counts.isEmpty()) {
            String e = Redact.values(err.toString(StandardCharsets.UTF_8).strip(), rt.env());
            return failed(v, "the database answered but could not be counted (exit " + code + ")"
                    + (e.isEmpty() ? "" : ": " + e.substring(e.lastIndexOf('\n') + 1)));
        }
        v.counts.putAll(counts);
        String short_ = DbProbe.shortfall(v.expected, counts);
        if (short_ != null) {
            return failed(v, short_);
        }
        v.result = "ok";
        return v;
    }

    private void cleanUp(String container, String volume) {
        if (container != null) {
            try {
                engine.removeContainer(container);
            } catch (RuntimeException e) {
                say.accept("could not remove the drill container " + container.substring(0, 12)
                        + ": docker rm -f " + container.substring(0, 12));
            }
        }
        if (volume != null) {
            try {
                engine.removeVolume(volume);
            } catch (RuntimeException e) {
                say.accept("could not remove the drill volume " + volume + ": docker volume rm " + volume);
            }
        }
    }
}
