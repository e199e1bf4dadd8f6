package dev.composeguard.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a compose project exactly as compose does (compose-semantics.md): discovery, overrides, .env and
 * --env-file, interpolation, merge, extends, include, profiles, project name with provenance.
 *
 * <p>Order, per compose-go: environment (OS env, then the first-pass .env or the --env-files, then the second-pass
 * .env of the project directory; earlier wins), files, project name, then per file: parse, interpolate, resolve
 * relative paths, include, extends, merge.
 */
public final class ProjectLoader {
    private final LoadState st;
    private final ExtendsResolver extendsResolver;
    private final IncludeResolver includeResolver;

    private ProjectLoader(LoadRequest req) {
        this.st = new LoadState(req);
        this.extendsResolver = new ExtendsResolver(st);
        this.includeResolver = new IncludeResolver(st, extendsResolver);
    }

    public static Project load(LoadRequest request) throws ProjectLoadException {
        return new ProjectLoader(request).run();
    }

    private Project run() throws ProjectLoadException {
        LoadRequest req = st.req;
        st.cwd = goCwd(req.cwd().toAbsolutePath().normalize(), req.osEnv(), st.flavor);
        String pdOpt = req.options().projectDirectory();
        Path projectDirOpt = pdOpt == null || pdOpt.isEmpty() ? null : LoaderPaths.absolute(st.cwd, pdOpt, req.osEnv());

        // 1. environment: OS env wins, PWD if missing, then --env-file (replaces .env) or the first-pass .env
        LoadEnvironment environment = new LoadEnvironment(st, projectDirOpt);
        environment.first();

        // 2. compose files and the project directory
        FileDiscovery.Result found = FileDiscovery.find(req, st.cwd, st.env, projectDirOpt, st.warnings);
        Path workingDir = workingDir(found, projectDirOpt);
        environment.second(workingDir);
        dev.composeguard.core.Timings.mark("load: environment, file discovery");

        // 3. parse every main file, then the project name (from raw name:, interpolated)
        List<MainFile> mains = parseMainFiles(found);
        dev.composeguard.core.Timings.mark("load: read and parse YAML");
        ProjectName name = projectName(mains, workingDir);
        st.interpEnv = new LinkedHashMap<>(st.env);
        if (st.flavor == ComposeFlavor.V2) {
            st.interpEnv.put("COMPOSE_PROJECT_NAME", name.value());
        }

        // 4. per file: interpolate, resolve paths, include, extends; layers; merge
        ModelBuilder builder = new ModelBuilder(req.release(), name.value(), st.warnings);
        List<Layer> layers = new ArrayList<>();
        YMap model = null;
        for (MainFile mf : mains) {
            for (YMap doc : mf.docs) {
                YMap tree = mainDocument(mf, doc, workingDir, builder, layers);
                if (model == null) {
                    Merger.stripResets(tree);
                    model = tree;
                } else {
                    model = st.merger.top(model, tree);
                }
            }
        }
        if (model == null) {
            throw new ProjectLoadException(Source.of(st.files.get(0).path()), "empty compose file");
        }
        if (st.flavor == ComposeFlavor.V2) {
            ComposeConsistency.check(model);
        }

        // 5. the model
        Project project = new ModelAssembly(st).project(model, builder, name, workingDir, layers);
        dev.composeguard.core.Timings.mark("load: merge, model");
        return project;
    }

    /** --project-directory, else the first file's directory, else the cwd. */
    private Path workingDir(FileDiscovery.Result found, Path projectDirOpt) {
        if (projectDirOpt != null) {
            return projectDirOpt;
        }
        for (FileDiscovery.Entry e : found.files()) {
            if (e.path() != null) {
                return e.path().getParent();
            }
        }
        return st.cwd;
    }

    private List<MainFile> parseMainFiles(FileDiscovery.Result found) throws ProjectLoadException {
        List<MainFile> mains = new ArrayList<>();
        for (FileDiscovery.Entry e : found.files()) {
            Path p = e.path() == null ? LoadState.STDIN : e.path();
            byte[] bytes = e.path() == null ? readStdin() : LoadState.read(p);
            ComposeFile file = new ComposeFile(p, e.role(), Sha256.of(bytes));
            st.files.add(file);
            mains.add(new MainFile(file, Yaml.parse(bytes, p, st.flavor)));
        }
        return mains;
    }

    private ProjectName projectName(List<MainFile> mains, Path workingDir) throws ProjectLoadException {
        List<ProjectNames.NameField> nameFields = new ArrayList<>();
        for (MainFile mf : mains) {
            for (YMap doc : mf.docs) {
                checkV1(doc, mf.file.path());
                YNode n = doc.get("name");
                if (n instanceof YScalar s && s.value() != null && !s.value().isEmpty()) {
                    String v = st.interpolation.string(s.value(), s.source, "name", st.env);
                    nameFields.add(new ProjectNames.NameField(s.raw, v, doc.keySource("name")));
                }
            }
        }
        String shellName = st.osEnv().get("COMPOSE_PROJECT_NAME");
        String fileName = shellName == null ? st.env.get("COMPOSE_PROJECT_NAME") : null;
        Path base = workingDir.getFileName();
        return ProjectNames.resolve(st.flavor, st.req.options().projectName(), shellName, fileName,
                st.origins.getOrDefault("COMPOSE_PROJECT_NAME", Source.NONE), nameFields,
                base == null ? "" : base.toString());
    }

    /** One document of a main file, interpolated and resolved, with its includes and extends applied. */
    private YMap mainDocument(MainFile mf, YMap doc, Path workingDir, ModelBuilder builder, List<Layer> layers)
            throws ProjectLoadException {
        if (doc.get("version") != null) {
            if (st.flavor == ComposeFlavor.V2) {
                st.warnings.add(mf.file.path() + ": the attribute `version` is obsolete, it will be ignored,"
                        + " please remove it to avoid potential confusion");
            }
            doc.remove("version");
        }
        st.interpolation.tree(doc, "", st.interpEnv);
        dev.composeguard.core.Timings.mark("load: interpolate " + mf.file.path().getFileName());
        ComposeSchema.validate(doc, mf.file.path(), st.req.release()); // compose refuses before merging
        dev.composeguard.core.Timings.mark("load: schema check");
        PathResolver.resolve(doc, workingDir, st.osEnv());
        YMap layerTree = doc.copy();
        Merger.stripResets(layerTree);
        layers.add(new Layer(mf.file, builder.services(layerTree), builder.volumes(layerTree),
                layerTree.string("name"), layerTree.get("name") == null ? Source.NONE : layerTree.keySource("name")));
        YMap tree = includeResolver.apply(doc, workingDir, st.interpEnv,
                new ArrayList<>(List.of(mf.file.path(), LoadState.realPath(mf.file.path()))));
        extendsResolver.apply(tree, mf.file.path());
        dev.composeguard.core.Timings.mark("load: paths, layer, include, extends");
        return tree;
    }

    /**
     * The cwd as compose sees it: Go's {@code os.Getwd} returns {@code $PWD} when it is absolute and names the same
     * directory, so a shell that entered through a symlink gives the symlink's path (and its base name as the
     * project name). Java and Python (v1) give the physical path.
     */
    static Path goCwd(Path cwd, Map<String, String> os, ComposeFlavor flavor) {
        String pwd = os.get("PWD");
        if (flavor != ComposeFlavor.V2 || pwd == null || !pwd.startsWith("/")) {
            return cwd;
        }
        try {
            Path p = Path.of(pwd);
            if (!p.equals(cwd) && Files.isSameFile(p, cwd)) {
                return p;
            }
        } catch (IOException | RuntimeException e) {
            // not the same directory: the physical path it is
        }
        return cwd;
    }

    private record MainFile(ComposeFile file, List<YMap> docs) {
    }

    private void checkV1(YMap doc, Path file) throws ProjectLoadException {
        if (st.flavor != ComposeFlavor.V1) {
            return;
        }
        for (String k : List.of("name", "include")) {
            if (doc.get(k) != null) {
                throw new ProjectLoadException(doc.keySource(k), "The Compose file '" + file + "' is invalid because:"
                        + " '" + k + "' does not match any of the regexes: '^x-'");
            }
        }
        checkNoTags(doc, file);
    }

    private static void checkNoTags(YNode n, Path file) throws ProjectLoadException {
        if (n.tag != YNode.Tag.NONE) {
            throw new ProjectLoadException(n.source, "could not determine a constructor for the tag '!"
                    + n.tag.name().toLowerCase(java.util.Locale.ROOT) + "' (docker-compose 1.x has no !reset/!override)");
        }
        if (n instanceof YMap m) {
            for (YNode c : m.entries.values()) {
                checkNoTags(c, file);
            }
        } else if (n instanceof YSeq s) {
            for (YNode c : s.items) {
                checkNoTags(c, file);
            }
        }
    }

    private byte[] readStdin() throws ProjectLoadException {
        InputStream in = st.req.stdin();
        if (in == null) {
            throw new ProjectLoadException(Source.of(LoadState.STDIN), "-f -: no standard input to read the compose file from");
        }
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ProjectLoadException(Source.of(LoadState.STDIN), "cannot read standard input: " + e.getMessage());
        }
    }
}
