package dev.composeguard.backup;

import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.plan.PlanEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The running containers that write to what a backup copies, and what the backup does to them for a single point in
 * time: paused (frozen) around the copy of one volume and always unpaused, or stopped for the whole backup (calls
 * that stop them anyway) and started again when the backup fails.
 */
final class Writers {
    private final EngineClient engine;
    private final Consumer<String> say;
    private final List<EngineContainer> stopped = new ArrayList<>();
    private boolean pauseAll;
    private boolean pauseNone;

    Writers(EngineClient engine, Consumer<String> say) {
        this.engine = engine;
        this.say = say;
    }

    /** {@code COMPOSE_GUARD_PAUSE_WRITERS}: 1 every writer, 0 none, else those of known databases. */
    void policy(String policy) {
        pauseAll = policy != null && (policy.equals("1") || policy.equalsIgnoreCase("true"));
        pauseNone = policy != null && (policy.equals("0") || policy.equalsIgnoreCase("false"));
    }

    boolean pauses(EngineContainer c) {
        return !pauseNone && (pauseAll || DumpRecipe.forImage(c.image()) != null);
    }

    List<EngineContainer> stopped() {
        return List.copyOf(stopped);
    }

    boolean stoppedOneOf(String volume) {
        return stopped.stream().anyMatch(c -> mounts(c, volume));
    }

    static boolean mounts(EngineContainer c, String volume) {
        return c.mounts().stream().anyMatch(mt -> volume.equals(mt.name()));
    }

    /** Something that takes one archive. */
    interface Archive {
        Manifest.VolumeArchive take() throws IOException;
    }

    /** Runs {@code archive} with {@code writers} paused; always unpauses what it paused. */
    Manifest.VolumeArchive paused(List<EngineContainer> writers, Archive archive) throws IOException {
        if (writers.isEmpty()) {
            return archive.take();
        }
        List<EngineContainer> done = new ArrayList<>();
        try {
            for (EngineContainer c : writers) {
                engine.pause(c.id());
                done.add(c);
            }
            say.accept("paused " + String.join(", ", writers.stream().map(EngineContainer::name).toList())
                    + " while archiving, for a single-point-in-time copy (COMPOSE_GUARD_PAUSE_WRITERS=0: no pause)");
            return archive.take();
        } finally {
            RuntimeException first = null;
            for (EngineContainer c : done) {
                try {
                    engine.unpause(c.id());
                } catch (RuntimeException e) {
                    say.accept("could not unpause " + c.name() + ": run 'docker unpause " + c.name() + "'");
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** The running containers that mount a planned volume or own a planned container path. */
    static List<EngineContainer> of(BackupRunner.Request req) {
        Set<String> names = new LinkedHashSet<>();
        req.volumes().forEach(v -> names.add(v.volume()));
        Set<String> ids = new LinkedHashSet<>();
        req.containerData().forEach(d -> ids.add(d.containerId()));
        return req.containers().stream().filter(c -> c.running() && (ids.contains(c.id())
                || c.mounts().stream().anyMatch(mt -> names.contains(mt.name())))).toList();
    }

    void stopAll(List<EngineContainer> writers) {
        if (writers.isEmpty()) {
            return;
        }
        say.accept("stopping " + String.join(", ", writers.stream().map(EngineContainer::name).toList())
                + " for a consistent copy (the call stops them anyway)");
        for (EngineContainer c : writers) {
            engine.stop(c.id());
            stopped.add(c);
        }
    }

    /** After a failed backup: what was stopped runs again (nothing was deleted, nothing stays down). */
    void restartStopped() {
        for (EngineContainer c : stopped) {
            try {
                engine.start(c.id());
                say.accept("started " + c.name() + " again");
            } catch (RuntimeException e) {
                say.accept("could not start " + c.name() + " again: run 'docker start " + c.name() + "'");
            }
        }
        stopped.clear();
    }

    /** Volumes no running container mounts: their entry count can be checked against a second count. */
    static Set<String> quiescentVolumes(BackupRunner.Request req) {
        Set<String> out = new LinkedHashSet<>();
        for (PlanEntry v : req.volumes()) {
            if (req.containers().stream().noneMatch(c -> c.running() && mounts(c, v.volume()))) {
                out.add(v.volume());
            }
        }
        return out;
    }
}
