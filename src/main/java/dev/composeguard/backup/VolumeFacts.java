package dev.composeguard.backup;

import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.ContainerRuntime;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a backup records about the database behind a volume so that a later drill can start it again and compare:
 * its kind, mount path, runtime (never its environment) and the counts taken while it ran.
 */
final class VolumeFacts {
    private VolumeFacts() {
    }

    /** Counts of a running database container; empty when it cannot be counted (the backup goes on without them). */
    static Map<String, Long> count(EngineClient engine, EngineContainer c) {
        DumpRecipe recipe = DumpRecipe.forImage(c.image());
        DbProbe probe = recipe == null ? null : DbProbe.of(recipe.kind());
        if (probe == null || !c.running()) {
            return Map.of();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = engine.exec(c.id(), null, probe.countCommand(), out, new ByteArrayOutputStream());
            return code == 0 ? DbProbe.parseCounts(out.toString(StandardCharsets.UTF_8)) : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** Fills the database facts of {@code a} from the known database container mounting it, if there is one. */
    static void describe(EngineClient engine, Manifest.VolumeArchive a, List<EngineContainer> containers,
            Map<String, Map<String, Long>> countsById) {
        for (EngineContainer c : containers) {
            DumpRecipe recipe = DumpRecipe.forImage(c.image());
            ContainerMount m = c.mounts().stream().filter(x -> a.name != null && a.name.equals(x.name())).findFirst()
                    .orElse(null);
            if (recipe == null || m == null || m.destination() == null) {
                continue;
            }
            a.database = recipe.kind();
            a.mountPath = m.destination();
            Map<String, Long> counts = countsById.get(c.id());
            a.counts = counts == null || counts.isEmpty() ? null : counts;
            try {
                a.runtime = runtime(engine.runtime(c.id()));
            } catch (RuntimeException | Error e) {
                a.runtime = null; // a test double or an old engine: the drill takes the runtime from the service then
            }
            return;
        }
    }

    /** The runtime without its environment; command words holding an environment value are left out entirely. */
    static Manifest.Runtime runtime(ContainerRuntime r) {
        Manifest.Runtime out = new Manifest.Runtime();
        out.image = r.image();
        out.imageId = r.imageId();
        out.user = r.user().isEmpty() ? null : r.user();
        if (holdsNoValue(r.entrypoint(), r.env()) && holdsNoValue(r.cmd(), r.env())) {
            out.entrypoint = new ArrayList<>(r.entrypoint());
            out.cmd = new ArrayList<>(r.cmd());
        } else {
            out.entrypoint = null;
            out.cmd = null;
        }
        out.healthcheck = holdsNoValue(r.healthcheck(), r.env()) && !r.healthcheck().isEmpty()
                ? new ArrayList<>(r.healthcheck()) : null;
        return out;
    }

    /**
     * True when no word holds a value that may be secret: the value of a variable named like a credential (PASS,
     * SECRET, TOKEN, KEY, AUTH, CRED, PWD), or any other value of 12+ characters that is no path or list. Short
     * common values ({@code /tmp}, {@code postgres}) would otherwise keep every command out of the manifest.
     */
    static boolean holdsNoValue(List<String> words, List<String> env) {
        for (String kv : env) {
            int eq = kv.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = kv.substring(0, eq).toUpperCase(java.util.Locale.ROOT);
            String v = kv.substring(eq + 1);
            boolean secretName = key.matches(".*(PASS|SECRET|TOKEN|KEY|AUTH|CRED|PWD).*");
            boolean risky = secretName ? v.length() >= 3 : v.length() >= 12 && v.indexOf('/') < 0 && v.indexOf(':') < 0;
            if (risky && words.stream().anyMatch(w -> w.contains(v))) {
                return false;
            }
        }
        return true;
    }
}
