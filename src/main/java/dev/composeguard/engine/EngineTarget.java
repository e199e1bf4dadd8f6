package dev.composeguard.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The Docker Engine compose will act on, resolved once per call by {@link EngineResolver} and used by every engine
 * client of the guard (the unix-socket fast path and docker-java alike).
 *
 * @param host   the endpoint, normalised ({@code unix:///path}, {@code tcp://host:port})
 * @param tlsDir a directory holding {@code ca.pem}, {@code cert.pem} and {@code key.pem} for a verified TLS
 *               connection, or null for none
 * @param how    where it came from, for messages ({@code -H}, {@code DOCKER_HOST}, {@code context "prod"} …)
 */
public record EngineTarget(String host, Path tlsDir, String how) {

    /** The engine on the default socket, chosen by nothing in particular. */
    public static final EngineTarget DEFAULT = new EngineTarget("unix:///var/run/docker.sock", null, "the default socket");

    /** The local unix socket, when the engine is reached through one. */
    public Optional<Path> unixSocket() {
        return host.startsWith("unix://") ? Optional.of(Path.of(host.substring("unix://".length()))) : Optional.empty();
    }

    /** "unix:///run/other.sock (from -H)". */
    public String describe() {
        return host + " (" + how + ")";
    }
}
