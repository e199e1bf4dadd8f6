package dev.composeguard.engine;

import java.util.List;

/**
 * How a container runs: what a drill needs to start the same service again on a restored volume.
 *
 * @param image       the image reference it was created from
 * @param imageId     the image id
 * @param entrypoint  its entrypoint (empty: the image's)
 * @param cmd         its command (empty: the image's)
 * @param user        its user (empty: the image's)
 * @param env         its environment as {@code KEY=VALUE}: may hold secrets; never print, log or store it
 * @param healthcheck its healthcheck test ({@code CMD …} / {@code CMD-SHELL …}; empty: none)
 */
public record ContainerRuntime(String image, String imageId, List<String> entrypoint, List<String> cmd, String user,
        List<String> env, List<String> healthcheck) {

    public ContainerRuntime {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        healthcheck = healthcheck == null ? List.of() : List.copyOf(healthcheck);
        user = user == null ? "" : user;
    }

    /** The same runtime with another environment. */
    public ContainerRuntime withEnv(List<String> newEnv) {
        return new ContainerRuntime(image, imageId, entrypoint, cmd, user, newEnv, healthcheck);
    }

    @Override
    public String toString() {
        return "ContainerRuntime[" + image + "]";
    }
}
