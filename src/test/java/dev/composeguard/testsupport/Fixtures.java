package dev.composeguard.testsupport;

import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.EnvFileRef;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.EnvVar;
import dev.composeguard.project.Environment;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.Mount;
import dev.composeguard.project.MountType;
import dev.composeguard.project.NameCandidate;
import dev.composeguard.project.NameOrigin;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectName;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import dev.composeguard.project.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built projects for the drift checks' unit tests (no loader needed). */
public final class Fixtures {
    private Fixtures() {
    }

    public static final class P {
        final Path dir;
        String name = "copilotos";
        NameOrigin origin = NameOrigin.DIRECTORY;
        Source nameSource = Source.NONE;
        final List<ComposeFile> files = new ArrayList<>();
        final List<EnvFile> envFiles = new ArrayList<>();
        final Map<String, Service> services = new LinkedHashMap<>();
        final Map<String, Volume> volumes = new LinkedHashMap<>();
        public Environment environment = Environment.EMPTY;

        public P(Path dir) {
            this.dir = dir;
            files.add(new ComposeFile(dir.resolve("docker-compose.yml"), FileRole.DISCOVERED, "aa"));
        }

        public P name(String n, NameOrigin o, Source s) {
            name = n;
            origin = o;
            nameSource = s;
            return this;
        }

        public P volume(String key) {
            volumes.put(key, new Volume(key, name + "_" + key, false, false, null, Map.of(),
                    new Source(dir.resolve("docker-compose.yml"), 20, 3)));
            return this;
        }

        public P service(String svc, List<Mount> mounts, List<EnvVar> env, List<EnvFileRef> envFiles) {
            services.put(svc, new Service(svc, new Source(dir.resolve("docker-compose.yml"), 3, 3), "mongo:7", null,
                    envFiles, env, mounts, List.of(), true, null));
            return this;
        }

        public P envFile(Path f, EnvFileRole role) {
            envFiles.add(new EnvFile(f, role, true, "bb", Source.NONE));
            return this;
        }

        public P override(String file) {
            files.add(new ComposeFile(dir.resolve(file), FileRole.OVERRIDE, "cc"));
            return this;
        }

        public Project build() {
            // volumes were declared with the name at the time: recompute engine names for the final name
            Map<String, Volume> vols = new LinkedHashMap<>();
            volumes.forEach((k, v) -> vols.put(k, v.explicitName() || v.external() ? v
                    : new Volume(k, name + "_" + k, false, false, null, Map.of(), v.source())));
            ProjectName pn = new ProjectName(name, origin, nameSource,
                    List.of(new NameCandidate(origin, name, nameSource, true)));
            return new Project(pn, dir, ComposeFlavor.V2, files, envFiles, services, vols, List.of(),
                    environment, List.of(), List.of(), List.of());
        }
    }

    public static Mount vol(String key, String target) {
        return new Mount(MountType.VOLUME, key, target, false, Source.NONE);
    }

    public static Mount bind(String host, String target) {
        return new Mount(MountType.BIND, host, target, false, Source.NONE);
    }

    public static EnvVar env(String k, String v, Path file, int line) {
        return new EnvVar(k, v, v, new Source(file, line, 7));
    }

    public static EngineContainer container(String name, String project, String service, String workingDir, String state,
            List<ContainerMount> mounts, List<String> env) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("com.docker.compose.project", project);
        labels.put("com.docker.compose.service", service);
        labels.put("com.docker.compose.project.working_dir", workingDir);
        return new EngineContainer("id-" + name, name, "mongo:7", "sha256:1", state, labels, mounts, env);
    }

    public static ContainerMount cvol(String name, String dest) {
        return new ContainerMount("volume", name, "/var/lib/docker/volumes/" + name + "/_data", dest);
    }

    public static ContainerMount cbind(String host, String dest) {
        return new ContainerMount("bind", null, host, dest);
    }
}
