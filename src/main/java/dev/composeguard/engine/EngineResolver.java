package dev.composeguard.engine;

import dev.composeguard.core.Hashing;
import dev.composeguard.invocation.EngineFlags;
import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.JsonTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Which Docker Engine compose will act on, decided the way compose decides it, so that the guard plans and backs
 * up on that engine and no other. Anything it cannot follow exactly (a missing context, unreadable docker config,
 * ssh or unverified TLS endpoints, conflicting flags) is an {@link EngineUnavailableException} (exit 5): the guard
 * refuses rather than plan on another engine.
 *
 * <p>Compose v2 follows the docker CLI: {@code --context}, else {@code -H} or {@code DOCKER_HOST} (the default
 * context), else {@code DOCKER_CONTEXT}, else {@code currentContext} of {@code config.json} in {@code --config},
 * {@code $DOCKER_CONFIG} or {@code $HOME/.docker}. docker-compose 1.x follows docker-py 5: {@code --context}, else
 * {@code -H}, else {@code DOCKER_HOST} (also from {@code .env}/{@code --env-file}), else the config file's
 * {@code currentContext}; it ignores {@code DOCKER_CONTEXT}. {@code $HOME} is read from the call's environment,
 * never from Java's {@code user.home} (which is the passwd entry), except when HOME is unset, as Go and Python do.
 */
public final class EngineResolver {
    static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    private EngineResolver() {
    }

    /** The engine compose v2 (plugin or standalone) will use. */
    public static EngineTarget v2(EngineFlags f, Map<String, String> env, Path cwd) {
        if (f.context() != null && !f.hosts().isEmpty()) {
            throw refuse("both --host and --context are given (compose refuses the call)");
        }
        if (f.hosts().size() > 1) {
            throw refuse("-H is given " + f.hosts().size() + " times (compose refuses the call)");
        }
        Path configDir = f.configDir() != null ? cwd.resolve(f.configDir())
                : nonEmpty(env.get("DOCKER_CONFIG")) ? cwd.resolve(env.get("DOCKER_CONFIG")) : home(env).resolve(".docker");
        String context;
        String how;
        if (f.context() != null) {
            context = f.context();
            how = "--context";
        } else if (!f.hosts().isEmpty() || nonEmpty(env.get("DOCKER_HOST"))) {
            context = "default";
            how = null;
        } else if (nonEmpty(env.get("DOCKER_CONTEXT"))) {
            context = env.get("DOCKER_CONTEXT");
            how = "DOCKER_CONTEXT";
        } else {
            context = currentContext(configDir.resolve("config.json"));
            how = "currentContext of " + configDir.resolve("config.json");
        }
        if (context != null && !context.isEmpty() && !context.equals("default")) {
            return fromContext(configDir.resolve("contexts"), context, how);
        }
        boolean verify = f.tlsVerify() != null ? f.tlsVerify() : nonEmpty(env.get("DOCKER_TLS_VERIFY"));
        boolean tls = verify || f.tls() || nonEmpty(env.get("DOCKER_TLS"));
        String raw;
        String from;
        if (!f.hosts().isEmpty()) {
            raw = f.hosts().get(0);
            from = "-H";
        } else if (nonEmpty(env.get("DOCKER_HOST"))) {
            raw = env.get("DOCKER_HOST");
            from = "DOCKER_HOST";
        } else {
            raw = "";
            from = "the default socket";
        }
        String host = normalize(raw, tls);
        if (!tls || host.startsWith("unix://")) {
            return supported(new EngineTarget(host, null, from));
        }
        if (!verify) {
            throw refuse(host + " (" + from + ") with TLS but without --tlsverify: compose-guard only speaks verified TLS");
        }
        Path certs = nonEmpty(env.get("DOCKER_CERT_PATH")) ? cwd.resolve(env.get("DOCKER_CERT_PATH"))
                : nonEmpty(env.get("DOCKER_CONFIG")) ? cwd.resolve(env.get("DOCKER_CONFIG")) : home(env).resolve(".docker");
        return supported(new EngineTarget(host, tlsDir(certs, f, cwd), from));
    }

    /**
     * The engine docker-compose 1.x will use. {@code projectEnv} is the shell environment over the project's env
     * file (.env or --env-file), as docker-compose 1.x reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
     */
    public static EngineTarget v1(EngineFlags f, Map<String, String> env, Map<String, String> projectEnv, Path cwd) {
        Map<String, String> e = projectEnv != null ? projectEnv : env;
        if (f.context() != null) {
            if (!f.hosts().isEmpty()) {
                throw refuse("both --host and --context are given (docker-compose refuses the call)");
            }
            if (f.context().equals("default")) {
                return new EngineTarget(DEFAULT_SOCKET, null, "--context default");
            }
            Path config = v1ConfigFile(env);
            Path contexts = config == null ? cwd.resolve("contexts") : config.getParent().resolve("contexts");
            return fromContext(contexts, f.context(), "--context");
        }
        if (f.hosts().size() > 1) {
            throw refuse("-H is given " + f.hosts().size() + " times");
        }
        boolean verify = Boolean.TRUE.equals(f.tlsVerify()) || truthy(e.get("DOCKER_TLS_VERIFY"));
        String certPath = nonEmpty(e.get("DOCKER_CERT_PATH")) ? e.get("DOCKER_CERT_PATH") : null;
        if (!f.hosts().isEmpty()) {
            String raw = f.hosts().get(0).replaceFirst("^=+", "");
            boolean tls = f.tls() || verify || certPath != null || f.tlsCaCert() != null || f.tlsCert() != null
                    || f.tlsKey() != null;
            return v1Endpoint(raw, "-H", tls, verify, certPath, f, env, cwd);
        }
        String dockerHost = e.get("DOCKER_HOST");
        if (nonEmpty(dockerHost)) {
            String from = env.containsKey("DOCKER_HOST") ? "DOCKER_HOST" : "DOCKER_HOST from the project's env file";
            String tlsVerifyEnv = e.get("DOCKER_TLS_VERIFY");
            boolean envVerify = tlsVerifyEnv != null && !tlsVerifyEnv.isEmpty();
            return v1Endpoint(dockerHost, from, envVerify || certPath != null, envVerify, certPath, EngineFlags.NONE,
                    env, cwd);
        }
        Path config = v1ConfigFile(env);
        String context = config == null ? null : currentContext(config);
        if (context == null || context.isEmpty() || context.equals("default")) {
            return new EngineTarget(DEFAULT_SOCKET, null, "the default socket");
        }
        return fromContext(config.getParent().resolve("contexts"), context, "currentContext of " + config);
    }

    private static EngineTarget v1Endpoint(String raw, String from, boolean tls, boolean verify, String certPath,
            EngineFlags f, Map<String, String> env, Path cwd) {
        String host = normalize(raw, tls);
        if (!tls || host.startsWith("unix://")) {
            return supported(new EngineTarget(host, null, from));
        }
        if (!verify) {
            throw refuse(host + " (" + from + ") with TLS but without verification: compose-guard only speaks verified TLS");
        }
        Path certs = certPath != null ? cwd.resolve(certPath) : home(env).resolve(".docker");
        return supported(new EngineTarget(host, tlsDir(certs, f, cwd), from));
    }

    /** docker-py's find_config_file: $DOCKER_CONFIG/config.json, ~/.docker/config.json, ~/.dockercfg; first existing. */
    private static Path v1ConfigFile(Map<String, String> env) {
        if (nonEmpty(env.get("DOCKER_CONFIG")) && Files.exists(Path.of(env.get("DOCKER_CONFIG"), "config.json"))) {
            return Path.of(env.get("DOCKER_CONFIG"), "config.json").toAbsolutePath();
        }
        for (Path p : new Path[] {home(env).resolve(".docker").resolve("config.json"), home(env).resolve(".dockercfg")}) {
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    /** config.json's currentContext, or null when the file does not exist. */
    private static String currentContext(Path configJson) {
        if (!Files.exists(configJson)) {
            return null;
        }
        try {
            return EngineJson.text(object(Files.readString(configJson)), "currentContext");
        } catch (IOException | RuntimeException e) {
            throw refuse("cannot read " + configJson + " (its currentContext chooses the engine)");
        }
    }

    private static EngineTarget fromContext(Path contexts, String name, String how) {
        String id = sha256(name);
        Path meta = contexts.resolve("meta").resolve(id).resolve("meta.json");
        String what = "context \"" + name + "\" (" + how + ")";
        if (!Files.isRegularFile(meta)) {
            throw refuse(what + " does not exist in " + contexts);
        }
        JsonNode docker;
        try {
            docker = object(Files.readString(meta)).path("Endpoints").path("docker");
        } catch (IOException | RuntimeException e) {
            throw refuse("cannot read " + meta + " of " + what);
        }
        String host = EngineJson.text(docker, "Host");
        if (!nonEmpty(host)) {
            throw refuse(what + " has no docker endpoint");
        }
        Path tls = contexts.resolve("tls").resolve(id).resolve("docker");
        boolean hasTls = Files.isDirectory(tls);
        host = normalize(host, hasTls);
        if (host.startsWith("unix://")) {
            return supported(new EngineTarget(host, null, what));
        }
        if (docker.path("SkipTLSVerify").isBoolean() && docker.path("SkipTLSVerify").booleanValue()) {
            throw refuse(what + " skips TLS verification: compose-guard only speaks verified TLS");
        }
        return supported(new EngineTarget(host, hasTls ? tlsDir(tls, EngineFlags.NONE, contexts) : null, what));
    }

    /** A JSON object, or an exception (the callers refuse: a file they cannot read chooses no engine). */
    private static JsonNode object(String text) throws IOException {
        JsonNode n = JsonTrees.read(text);
        if (n == null || !n.isObject()) {
            throw new IOException("not a JSON object");
        }
        return n;
    }

    /** The one directory holding ca.pem, cert.pem and key.pem (docker-java's layout); else refused. */
    private static Path tlsDir(Path certs, EngineFlags f, Path cwd) {
        Path ca = f.tlsCaCert() != null ? cwd.resolve(f.tlsCaCert()) : certs.resolve("ca.pem");
        Path cert = f.tlsCert() != null ? cwd.resolve(f.tlsCert()) : certs.resolve("cert.pem");
        Path key = f.tlsKey() != null ? cwd.resolve(f.tlsKey()) : certs.resolve("key.pem");
        Path dir = ca.getParent();
        if (!dir.resolve("ca.pem").equals(ca) || !dir.resolve("cert.pem").equals(cert) || !dir.resolve("key.pem").equals(key)) {
            throw refuse("TLS files not named ca.pem, cert.pem and key.pem in one directory are not supported");
        }
        for (Path p : new Path[] {ca, cert, key}) {
            if (!Files.isReadable(p)) {
                throw refuse("TLS file " + p + " is not readable");
            }
        }
        return dir;
    }

    /** Like docker's ParseHost: empty is the default socket, a bare host:port is tcp, tcp without a port gets one. */
    static String normalize(String raw, boolean tls) {
        String h = raw.trim();
        if (h.isEmpty()) {
            return tls ? "tcp://localhost:2376" : DEFAULT_SOCKET;
        }
        if (h.equals("unix://")) {
            return DEFAULT_SOCKET;
        }
        if (!h.contains("://")) {
            h = "tcp://" + h;
        }
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            h = "tcp://" + h.substring(h.indexOf("://") + 3);
        }
        if (h.startsWith("tcp://")) {
            String rest = h.substring("tcp://".length());
            int slash = rest.indexOf('/');
            String hostPort = slash < 0 ? rest : rest.substring(0, slash);
            if (hostPort.isEmpty()) {
                hostPort = "localhost";
            }
            if (hostPort.lastIndexOf(':') < 0 || hostPort.endsWith("]")) {
                hostPort = hostPort + (tls ? ":2376" : ":2375");
            }
            return "tcp://" + hostPort;
        }
        return h;
    }

    private static EngineTarget supported(EngineTarget t) {
        if (t.host().startsWith("unix://") || t.host().startsWith("tcp://")) {
            return t;
        }
        throw refuse("compose would use " + t.describe() + ", which compose-guard cannot reach (unix and tcp only)");
    }

    private static boolean truthy(String v) {
        return v != null && switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y", "on" -> true;
            default -> false;
        };
    }

    /** $HOME as the docker CLI and docker-py read it; the passwd home only when HOME is unset. */
    static Path home(Map<String, String> env) {
        String h = env.get("HOME");
        return Path.of(nonEmpty(h) ? h : System.getProperty("user.home"));
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String sha256(String s) {
        return Hashing.sha256Hex(s);
    }

    private static EngineUnavailableException refuse(String why) {
        return new EngineUnavailableException("cannot use the Docker Engine compose would use: " + why
                + "; nothing was run", null);
    }
}
