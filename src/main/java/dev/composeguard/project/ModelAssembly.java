package dev.composeguard.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The merged tree becomes the {@link Project}: active profiles, services switched on or off, named volumes checked
 * against their declarations, and every service env_file recorded (a {@code COMPOSE_PROJECT_NAME} in one is a name
 * candidate: compose does not use it, a reader might expect it to).
 */
final class ModelAssembly {
    private final LoadState st;

    ModelAssembly(LoadState st) {
        this.st = st;
    }

    Project project(YMap model, ModelBuilder builder, ProjectName name, Path workingDir, List<Layer> layers)
            throws ProjectLoadException {
        Map<String, Service> services = builder.services(model);
        Map<String, Volume> volumes = builder.volumes(model);
        List<String> active = activeProfiles(services);
        Map<String, Service> finalServices = new LinkedHashMap<>();
        for (Service s : services.values()) {
            boolean on = s.profiles().isEmpty() || active.contains("*")
                    || s.profiles().stream().anyMatch(active::contains) || st.req.services().contains(s.name());
            finalServices.put(s.name(), new Service(s.name(), s.source(), s.image(), s.build(), s.envFiles(),
                    s.environment(), s.mounts(), s.profiles(), on, s.containerName(), s.restart(), s.dependsOn()));
            checkVolumesDeclared(s, volumes);
        }
        List<NameCandidate> extra = serviceEnvFiles(finalServices);
        if (!extra.isEmpty()) {
            List<NameCandidate> all = new ArrayList<>(name.candidates());
            all.addAll(extra);
            name = new ProjectName(name.value(), name.origin(), name.source(), all);
        }
        return new Project(name, workingDir, st.flavor, st.files, st.envFiles, finalServices, volumes, active,
                new Environment(st.env, st.origins), layers, st.interpolation.unsetUses(),
                new ArrayList<>(new LinkedHashSet<>(st.warnings)));
    }

    private void checkVolumesDeclared(Service s, Map<String, Volume> volumes) throws ProjectLoadException {
        for (Mount m : s.mounts()) {
            if (m.isNamedVolume() && !volumes.containsKey(m.source())) {
                throw new ProjectLoadException(m.declared(), st.flavor == ComposeFlavor.V1
                        ? "Named volume \"" + m.source() + ":" + m.target() + "\" is used in service \"" + s.name()
                                + "\" but no declaration was found in the volumes section."
                        : "service \"" + s.name() + "\" refers to undefined volume " + m.source()
                                + ": invalid compose project");
            }
        }
    }

    private List<String> activeProfiles(Map<String, Service> services) {
        List<String> active = new ArrayList<>();
        if (!st.req.options().profiles().isEmpty()) {
            active.addAll(st.req.options().profiles());
        } else {
            String p = st.env.get("COMPOSE_PROFILES");
            if (p != null) {
                for (String s : p.split(",")) {
                    if (!s.isBlank() && !active.contains(s.trim())) {
                        active.add(s.trim());
                    }
                }
            }
        }
        for (String named : st.req.services()) {
            Service s = services.get(named);
            if (s != null) {
                for (String pr : s.profiles()) {
                    if (!active.contains(pr)) {
                        active.add(pr);
                    }
                }
            }
        }
        return active;
    }

    /** Records every service env_file; fails on a missing required one of an active service. */
    private List<NameCandidate> serviceEnvFiles(Map<String, Service> services) throws ProjectLoadException {
        List<NameCandidate> cands = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Service s : services.values()) {
            for (EnvFileRef ref : s.envFiles()) {
                Path p = ref.path();
                boolean exists = Files.isRegularFile(p);
                if (!exists && ref.required() && s.active()) {
                    throw new ProjectLoadException(ref.source(), "env file " + p + " not found");
                }
                if (!seen.add(p)) {
                    continue;
                }
                if (!exists) {
                    st.envFiles.add(new EnvFile(p, EnvFileRole.SERVICE, false, (Sha256) null, ref.source()));
                    continue;
                }
                nameCandidates(s, ref, cands);
            }
        }
        return cands;
    }

    private void nameCandidates(Service s, EnvFileRef ref, List<NameCandidate> cands) throws ProjectLoadException {
        Path p = ref.path();
        byte[] bytes = LoadState.read(p);
        st.envFiles.add(new EnvFile(p, EnvFileRole.SERVICE, true, Sha256.of(bytes), ref.source()));
        List<DotEnv.Entry> entries;
        try {
            entries = EnvFileValues.entries(bytes, p, ref.format(), st.interpEnv::get, st.flavor, null);
        } catch (ProjectLoadException e) {
            if (s.active()) {
                throw e;
            }
            return;
        }
        for (DotEnv.Entry e : entries) {
            if (e.key().equals("COMPOSE_PROJECT_NAME")) {
                cands.add(new NameCandidate(NameOrigin.SERVICE_ENV_FILE, e.value(), e.source(), false));
            }
        }
    }
}
