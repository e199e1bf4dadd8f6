package dev.composeguard.project;

import java.util.List;

/**
 * A service as compose will run it (merged across files, extends applied, interpolated).
 *
 * @param name        the service key
 * @param source      where the service is first declared
 * @param image       {@code image:}, or null
 * @param build       {@code build:}, or null
 * @param envFiles    {@code env_file:} entries in order
 * @param environment {@code environment:} entries in order (later wins on a shared key)
 * @param mounts      {@code volumes:} entries, unique by target
 * @param profiles    {@code profiles:}
 * @param active      false when every profile of the service is disabled
 * @param containerName {@code container_name:}, or null
 * @param restart     {@code restart:}, or null (compose's default: no)
 * @param dependsOn   the services named under {@code depends_on:} (short or long syntax), in order
 */
public record Service(
        String name,
        Source source,
        String image,
        Build build,
        List<EnvFileRef> envFiles,
        List<EnvVar> environment,
        List<Mount> mounts,
        List<String> profiles,
        boolean active,
        String containerName,
        String restart,
        List<String> dependsOn) {

    public Service {
        dependsOn = List.copyOf(dependsOn);
        envFiles = List.copyOf(envFiles);
        environment = List.copyOf(environment);
        mounts = List.copyOf(mounts);
        profiles = List.copyOf(profiles);
    }

    public Service(String name, Source source, String image, Build build, List<EnvFileRef> envFiles,
            List<EnvVar> environment, List<Mount> mounts, List<String> profiles, boolean active, String containerName) {
        this(name, source, image, build, envFiles, environment, mounts, profiles, active, containerName, null, List.of());
    }

    /** A service without {@code depends_on}. */
    public Service(String name, Source source, String image, Build build, List<EnvFileRef> envFiles,
            List<EnvVar> environment, List<Mount> mounts, List<String> profiles, boolean active, String containerName,
            String restart) {
        this(name, source, image, build, envFiles, environment, mounts, profiles, active, containerName, restart, List.of());
    }

    /** A service without {@code restart:}. */
    public Service(String name, Source source, String image, Build build, List<EnvFileRef> envFiles,
            List<EnvVar> environment, List<Mount> mounts, List<String> profiles, boolean active, String containerName,
            List<String> dependsOn) {
        this(name, source, image, build, envFiles, environment, mounts, profiles, active, containerName, null, dependsOn);
    }

    /**
     * False for a service that runs once and exits ({@code restart: "no"} or {@code on-failure}); a service without
     * {@code restart:} counts as long-running, since most servers in compose files have none.
     */
    public boolean longRunning() {
        if (restart == null) {
            return true;
        }
        String r = restart.trim();
        return !(r.equals("no") || r.startsWith("on-failure"));
    }

    /** The image name without registry path and tag, lowercased ({@code docker.io/library/postgres:15} → {@code postgres}). */
    public String imageBaseName() {
        return StatefulImages.baseName(image);
    }
}
