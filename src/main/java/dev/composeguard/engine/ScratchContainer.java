package dev.composeguard.engine;

import java.util.Map;

/**
 * A container the guard starts itself (a restore drill): the service's own runtime on a scratch volume, no
 * network, labelled so that leftovers can be found.
 *
 * @param runtime   image, entrypoint, command, user, environment
 * @param volume    the scratch volume
 * @param mountPath where the service mounts it
 * @param labels    labels of the container
 */
public record ScratchContainer(ContainerRuntime runtime, String volume, String mountPath, Map<String, String> labels) {
    public ScratchContainer {
        labels = Map.copyOf(labels);
    }
}
