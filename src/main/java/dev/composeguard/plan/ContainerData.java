package dev.composeguard.plan;

/**
 * Data of a stateful container that is not on a named volume and would be lost (force-recreate), backed up from
 * the container's own path.
 *
 * @param containerId the container
 * @param container   its name
 * @param service     the compose service
 * @param path        the data directory inside the container
 * @param reason      what would happen to it
 */
public record ContainerData(String containerId, String container, String service, String path, String reason) {
}
