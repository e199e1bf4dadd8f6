package dev.composeguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.project.ImageConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the configuration of the images a project uses from the local engine, for lint: one list call, then an
 * inspect of each image that is present, within a total time budget. Never pulls, never fails: an absent engine,
 * a slow one or an error yields what was read so far (possibly nothing), and lint falls back to its table.
 */
public final class ImageInspector {
    /** At most this many inspects per run: a 500-service file must stay fast. */
    static final int MAX_INSPECTS = 40;

    private ImageInspector() {
    }

    /** What the engine has locally: its socket and the references of its images (null: no local engine). */
    private record Local(Path socket, Set<String> refs) {
    }

    /** A lookup started ahead of the question: the list call runs while the caller does other work. */
    @FunctionalInterface
    public interface Lookup {
        /** The engine's answer for each reference in {@code refs} it has locally (keys as given). */
        Map<String, ImageConfig> inspect(Collection<String> refs);
    }

    /**
     * Starts asking the engine which images it has (one list call, on a daemon thread, ~50-150 ms with the JSON
     * parsing) and returns the lookup that inspects those of them a project uses. Everything, from now on, gets
     * {@code budgetMs} in all. Lint starts it before the project is loaded, so the list is usually there when the
     * first rule asks.
     */
    public static Lookup start(Map<String, String> env, long budgetMs) {
        long deadline = System.currentTimeMillis() + budgetMs;
        FutureTask<Local> list = new FutureTask<>(() -> local(env, budgetMs));
        Thread t = new Thread(list, "compose-guard-images");
        t.setDaemon(true);
        t.start();
        return refs -> inspect(list, refs, deadline);
    }

    private static Local local(Map<String, String> env, long budgetMs) {
        Optional<Path> socket;
        try {
            // The engine compose would use from this environment (DOCKER_HOST, DOCKER_CONTEXT, docker config);
            // only a local unix socket is asked: lint never waits on a remote engine.
            socket = EngineResolver.v2(dev.composeguard.invocation.EngineFlags.NONE, env, Path.of("")).unixSocket();
        } catch (RuntimeException unresolvable) {
            return null;
        }
        if (socket.isEmpty() || !Files.exists(socket.get())) {
            return null;
        }
        try {
            return new Local(socket.get(),
                    localReferences(new UnixHttp(socket.get(), Math.max(50, budgetMs)).get("/images/json")));
        } catch (RuntimeException e) {
            return null; // unreachable, slow or odd engine: lint uses its table
        }
    }

    private static Map<String, ImageConfig> inspect(FutureTask<Local> list, Collection<String> refs, long deadline) {
        Map<String, ImageConfig> out = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        Local local;
        try {
            local = list.get(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return out;
        } catch (ExecutionException | TimeoutException e) {
            return out;
        }
        if (local == null) {
            return out;
        }
        try {
            int n = 0;
            for (String ref : refs) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || n >= MAX_INSPECTS) {
                    break;
                }
                if (ref == null || !local.refs().contains(normalize(ref))) {
                    continue;
                }
                n++;
                String body = new UnixHttp(local.socket(), left).get("/images/" + UnixSocketEngine.enc(normalize(ref)) + "/json");
                out.put(ref, config(EngineJson.parse(body)));
            }
        } catch (RuntimeException e) {
            // unreachable, slow or odd engine: lint keeps what it has and uses its table for the rest
        }
        return out;
    }

    private static Set<String> localReferences(String listBody) {
        Set<String> out = new HashSet<>();
        for (JsonNode img : EngineJson.parse(listBody)) {
            for (String t : EngineJson.list(img.path("RepoTags"))) {
                out.add(normalize(t));
            }
            for (String d : EngineJson.list(img.path("RepoDigests"))) {
                out.add(normalize(d));
            }
        }
        return out;
    }

    /** {@code docker.io/library/postgres} → {@code postgres:latest}; digests stay as they are. */
    static String normalize(String ref) {
        String r = ref.trim();
        for (String p : List.of("docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/")) {
            if (r.startsWith(p)) {
                r = r.substring(p.length());
                break;
            }
        }
        int at = r.indexOf('@');
        if (at >= 0) {
            String name = r.substring(0, at);
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                name = name.substring(0, colon); // name:tag@digest resolves by digest
            }
            return name + r.substring(at);
        }
        return r.lastIndexOf(':') > r.lastIndexOf('/') ? r : r + ":latest";
    }

    private static ImageConfig config(JsonNode inspect) {
        JsonNode cfg = inspect.path("Config");
        List<String> volumes = new ArrayList<>();
        cfg.path("Volumes").fieldNames().forEachRemaining(volumes::add);
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : EngineJson.list(cfg.path("Env"))) {
            int eq = kv.indexOf('=');
            if (eq > 0 && ImageConfig.KEPT_ENV.contains(kv.substring(0, eq))) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new ImageConfig(volumes, EngineJson.text(cfg, "WorkingDir"), env);
    }
}
