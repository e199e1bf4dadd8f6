package dev.composeguard.plan;

import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.Environment;
import dev.composeguard.project.Mount;
import dev.composeguard.project.MountType;
import dev.composeguard.project.NameOrigin;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectName;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import dev.composeguard.project.Volume;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Projects built in memory (no loader) for plan and guard tests. */
public final class TestProjects {
    private final String name;
    private final Path dir;
    private final ComposeFlavor flavor;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Volume> volumes = new LinkedHashMap<>();

    private TestProjects(String name, Path dir, ComposeFlavor flavor) {
        this.name = name;
        this.dir = dir;
        this.flavor = flavor;
    }

    public static TestProjects project(String name, Path dir, ComposeFlavor flavor) {
        return new TestProjects(name, dir, flavor);
    }

    /** A service; mounts as {@code key:/path} (named), {@code /path} (anonymous) or {@code ./dir:/path} (bind). */
    public TestProjects service(String svc, String image, boolean active, String... mounts) {
        List<Mount> ms = new java.util.ArrayList<>();
        for (String m : mounts) {
            int colon = m.indexOf(':');
            if (colon < 0) {
                ms.add(new Mount(MountType.VOLUME, null, m, false, Source.NONE));
            } else if (m.startsWith(".") || m.startsWith("/")) {
                ms.add(new Mount(MountType.BIND, dir.resolve(m.substring(0, colon)).normalize().toString(),
                        m.substring(colon + 1), false, Source.NONE));
            } else {
                ms.add(new Mount(MountType.VOLUME, m.substring(0, colon), m.substring(colon + 1), false, Source.NONE));
            }
        }
        services.put(svc, new Service(svc, Source.NONE, image, null, List.of(), List.of(), ms,
                active ? List.of() : List.of("off"), active, null));
        return this;
    }

    /** Adds {@code depends_on} to an existing service. */
    public TestProjects dependsOn(String svc, String... deps) {
        Service s = services.get(svc);
        services.put(svc, new Service(s.name(), s.source(), s.image(), s.build(), s.envFiles(), s.environment(),
                s.mounts(), s.profiles(), s.active(), s.containerName(), List.of(deps)));
        return this;
    }

    /** A volume with labels and driver_opts (the parts of compose's volume config hash). */
    public TestProjects volume(String key, Map<String, String> labels, Map<String, String> driverOpts) {
        volumes.put(key, new Volume(key, name + "_" + key, false, false, null, labels, Source.NONE, driverOpts));
        return this;
    }

    public TestProjects volume(String key) {
        return volume(key, null, false);
    }

    public TestProjects volume(String key, String explicitName, boolean external) {
        String engineName = explicitName != null ? explicitName : external ? key : name + "_" + key;
        volumes.put(key, new Volume(key, engineName, explicitName != null, external, null, Map.of(), Source.NONE));
        return this;
    }

    public Project build() {
        return new Project(new ProjectName(name, NameOrigin.FLAG, Source.NONE, List.of()), dir, flavor, List.of(),
                List.of(), services, volumes, List.of(), Environment.EMPTY, List.of(), List.of(), List.of());
    }
}
