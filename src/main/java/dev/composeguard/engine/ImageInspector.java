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

    /** The engine's answer for each reference in {@code refs} it has locally (keys as given). */
    public static Map<String, ImageConfig> inspect(Map<String, String> env, Collection<String> refs, long budgetMs) {
        Map<String, ImageConfig> out = new LinkedHashMap<>();
        Optional<Path> socket;
        try {
            // The engine compose would use from this environment (DOCKER_HOST, DOCKER_CONTEXT, docker config);
            // only a local unix socket is asked: lint never waits on a remote engine.
            socket = EngineResolver.v2(dev.composeguard.invocation.EngineFlags.NONE, env, Path.of("")).unixSocket();
        } catch (RuntimeException unresolvable) {
            return out;
        }
        if (socket.isEmpty() || !Files.exists(socket.get()) || refs.isEmpty()) {
            return out;
        }
        long deadline = System.currentTimeMillis() + budgetMs;
        try {
            Set<String> local = localReferences(new UnixHttp(socket.get(), Math.max(50, budgetMs)).get("/images/json"));
            int n = 0;
            for (String ref : refs) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || n >= MAX_INSPECTS) {
                    break;
                }
                if (ref == null || !local.contains(normalize(ref))) {
                    continue;
                }
                n++;
                String body = new UnixHttp(socket.get(), left).get("/images/" + UnixSocketEngine.enc(normalize(ref)) + "/json");
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
