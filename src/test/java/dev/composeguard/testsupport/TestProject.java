package dev.composeguard.testsupport;

import dev.composeguard.project.Build;
import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.EnvFileRef;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.EnvVar;
import dev.composeguard.project.Environment;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.Layer;
import dev.composeguard.project.Mount;
import dev.composeguard.project.MountType;
import dev.composeguard.project.NameCandidate;
import dev.composeguard.project.NameOrigin;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectName;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import dev.composeguard.project.VariableUse;
import dev.composeguard.project.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Builds {@link Project} values in memory for rule tests. */
public final class TestProject {
    public final Path dir;
    private final List<ComposeFile> files = new ArrayList<>();
    private final List<EnvFile> envFiles = new ArrayList<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Volume> volumes = new LinkedHashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final List<VariableUse> unset = new ArrayList<>();
    private final List<NameCandidate> candidates = new ArrayList<>();
    private String name;
    private NameOrigin nameOrigin = NameOrigin.DIRECTORY;
    private Source nameSource = Source.NONE;

    private TestProject(Path dir) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
    }

    public static TestProject in(Path dir) {
        return new TestProject(dir);
    }

    public static Source at(Path file, int line) {
        return new Source(file, line, 1);
    }

    public Source at(String file, int line) {
        return new Source(dir.resolve(file), line, 1);
    }

    public TestProject file(String path, FileRole role) {
        files.add(new ComposeFile(dir.resolve(path).normalize(), role, "0"));
        return this;
    }

    public TestProject envFile(String path, EnvFileRole role) {
        Path p = dir.resolve(path).normalize();
        envFiles.add(new EnvFile(p, role, p.toFile().exists(), (String) null, Source.NONE));
        return this;
    }

    public TestProject name(String value, NameOrigin origin, Source source) {
        this.name = value;
        this.nameOrigin = origin;
        this.nameSource = source;
        candidates.add(0, new NameCandidate(origin, value, source, true));
        return this;
    }

    public TestProject candidate(NameOrigin origin, String value, Source source, boolean effective) {
        candidates.add(new NameCandidate(origin, value, source, effective));
        return this;
    }

    public TestProject service(String name, Consumer<Svc> c) {
        Svc s = new Svc(name);
        c.accept(s);
        services.put(name, s.build());
        return this;
    }

    public TestProject volume(String key, boolean explicitName, boolean external, Source source) {
        String engine = explicitName ? key : external ? key : name + "_" + key;
        volumes.put(key, new Volume(key, engine, explicitName, external, null, Map.of(), source));
        return this;
    }

    /** A layer: the named compose file's own services. */
    public TestProject layer(String file, Consumer<TestProject> c) {
        TestProject part = new TestProject(dir);
        c.accept(part);
        layers.add(new Layer(new ComposeFile(dir.resolve(file).normalize(), FileRole.FLAG, "0"), part.services,
                part.volumes, null, Source.NONE));
        return this;
    }

    public TestProject unset(String var, Source source, String path) {
        unset.add(new VariableUse(var, source, path));
        return this;
    }

    public TestProject unset(String var, Source source) {
        unset.add(new VariableUse(var, source));
        return this;
    }

    public Project build() {
        List<NameCandidate> cands = new ArrayList<>(candidates);
        cands.add(new NameCandidate(NameOrigin.DIRECTORY, dir.getFileName().toString(), Source.NONE,
                nameOrigin == NameOrigin.DIRECTORY));
        // Volume engine names follow the final project name.
        Map<String, Volume> vols = new LinkedHashMap<>();
        volumes.forEach((k, v) -> vols.put(k, v.explicitName() || v.external() ? v
                : new Volume(k, name + "_" + k, false, false, null, Map.of(), v.source())));
        return new Project(new ProjectName(name, nameOrigin, nameSource, cands), dir, ComposeFlavor.V2, files, envFiles,
                services, vols, List.of(), Environment.EMPTY, layers, unset, List.of());
    }

    public final class Svc {
        final String name;
        Source source = Source.NONE;
        String image;
        Build build;
        final List<EnvFileRef> envFiles = new ArrayList<>();
        final List<EnvVar> env = new ArrayList<>();
        final List<Mount> mounts = new ArrayList<>();
        boolean active = true;

        public Svc(String name) {
            this.name = name;
        }

        public Svc at(Source s) {
            source = s;
            return this;
        }

        public Svc image(String i) {
            image = i;
            return this;
        }

        public Svc target(String target, Source s) {
            build = new Build(".", null, target, s, s);
            return this;
        }

        public Svc envFile(String raw, boolean required, Source s) {
            envFiles.add(new EnvFileRef(raw, dir.resolve(raw).normalize(), required, null, s));
            return this;
        }

        public Svc env(String key, String raw, Source s) {
            env.add(new EnvVar(key, raw, raw, s));
            return this;
        }

        public Svc named(String volume, String target, Source s) {
            mounts.add(new Mount(MountType.VOLUME, volume, target, false, s));
            return this;
        }

        public Svc mount(Mount m) {
            mounts.add(m);
            return this;
        }

        public Svc anon(String target, Source s) {
            mounts.add(new Mount(MountType.VOLUME, null, target, false, s));
            return this;
        }

        public Svc bind(String hostPath, String target, Source s) {
            mounts.add(new Mount(MountType.BIND, dir.resolve(hostPath).normalize().toString(), target, false, s));
            return this;
        }

        public Svc inactive() {
            active = false;
            return this;
        }

        public Service build() {
            return new Service(name, source, image, build, envFiles, env, mounts, List.of(), active, null);
        }
    }
}
