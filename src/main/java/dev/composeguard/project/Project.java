package dev.composeguard.project;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose project loaded the way the compose that will run loads it. Everything later (lint, plans, backups,
 * drift checks) reasons about this value; nothing here talks to the engine.
 *
 * @param name            the effective project name and its provenance
 * @param workingDir      the project directory (absolute)
 * @param flavor          whose loading rules were modelled
 * @param files           compose files in load order (includes and extends bases too)
 * @param envFiles        .env / --env-file files and every service env_file, in the order they are read
 * @param services        every service (active or not) in declaration order
 * @param volumes         every top-level volume, declared or referenced, in declaration order
 * @param activeProfiles  enabled profiles ({@code --profile} or {@code COMPOSE_PROFILES})
 * @param environment     the interpolation environment (values are never printed)
 * @param layers          each main compose file's own contribution before merging (for lint)
 * @param unsetVariables  interpolations of unset variables without a default
 * @param warnings        what compose would warn about while loading (one line each)
 */
public record Project(
        ProjectName name,
        Path workingDir,
        ComposeFlavor flavor,
        List<ComposeFile> files,
        List<EnvFile> envFiles,
        Map<String, Service> services,
        Map<String, Volume> volumes,
        List<String> activeProfiles,
        Environment environment,
        List<Layer> layers,
        List<VariableUse> unsetVariables,
        List<String> warnings) {

    public Project {
        files = List.copyOf(files);
        envFiles = List.copyOf(envFiles);
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        volumes = Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
        activeProfiles = List.copyOf(activeProfiles);
        layers = List.copyOf(layers);
        unsetVariables = List.copyOf(unsetVariables);
        warnings = List.copyOf(warnings);
    }

    /** Services whose profiles are enabled (compose starts and stops only these). */
    public List<Service> activeServices() {
        return services.values().stream().filter(Service::active).toList();
    }

    /** Services (active or not) that mount the top-level volume {@code key}. */
    public List<Service> servicesUsing(String volumeKey) {
        return services.values().stream()
                .filter(s -> s.mounts().stream().anyMatch(m -> m.isNamedVolume() && m.source().equals(volumeKey)))
                .toList();
    }

    /**
     * The volumes compose v2 keeps in the project after pruning: non-external volumes referenced by an active
     * service (all declared ones with {@code allResources}). These are the ones {@code down -v} removes by name.
     */
    public List<Volume> volumesOfActiveServices(boolean allResources) {
        return volumes.values().stream()
                .filter(v -> allResources || activeServices().stream().anyMatch(s -> s.mounts().stream()
                        .anyMatch(m -> m.isNamedVolume() && m.source().equals(v.key()))))
                .toList();
    }
}
