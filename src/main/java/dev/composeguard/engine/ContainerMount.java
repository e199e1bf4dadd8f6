package dev.composeguard.engine;

/**
 * A mount of a container.
 *
 * @param type        {@code volume}, {@code bind}, {@code tmpfs}
 * @param name        the volume name (volumes only), else null
 * @param source      the host path (binds; for volumes the engine's mountpoint)
 * @param destination the path inside the container
 */
public record ContainerMount(String type, String name, String source, String destination) {
}
