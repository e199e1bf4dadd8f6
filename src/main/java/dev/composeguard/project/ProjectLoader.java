package dev.composeguard.project;

import dev.composeguard.core.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a compose project exactly as compose does (compose-semantics.md): discovery, overrides, .env and
 * --env-file, interpolation, merge, extends, include, profiles, project name with provenance.
 *
 * <p>Order, per compose-go: environment (OS env, then the first-pass .env or the --env-files, then the second-pass
 * .env of the project directory; earlier wins), files, project name, then per file: parse, interpolate, resolve
 * relative paths, include, extends, merge.
 */
public final class ProjectLoader {
    static final Path STDIN = Path.of("<stdin>");

    private final LoadRequest req;
    private final ComposeFlavor flavor;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Source> origins = new LinkedHashMap<>();
    private final List<EnvFile> envFiles = new ArrayList<>();
    private final List<ComposeFile> files = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<VariableUse> unsetUses = new ArrayList<>();
    private final Set<String> warnedUnset = new LinkedHashSet<>();
    private final Map<Path, YMap> extendsCache = new HashMap<>();
    private Map<String, String> interpEnv;
    private final Merger merger;

    private ProjectLoader(LoadRequest req) {
        this.req = req;
        this.flavor = req.flavor() == null ? ComposeFlavor.V2 : req.flavor();
        this.merger = Merger.of(flavor);
    }

    public static Project load(LoadRequest request) throws ProjectLoadException {
        return new ProjectLoader(request).run();
    }

    private Project run() throws ProjectLoadException {
        Path cwd = goCwd(req.cwd().toAbsolutePath().normalize(), req.osEnv(), flavor);
        Map<String, String> os = req.osEnv();
        String pdOpt = req.options().projectDirectory();
        Path projectDirOpt = pdOpt == null || pdOpt.isEmpty() ? null : Paths2.absolute(cwd, pdOpt, os);

        // 1. environment: OS env wins, PWD if missing, then --env-file (replaces .env) or the first-pass .env
        env.putAll(os);
        if (flavor == ComposeFlavor.V2 && !env.containsKey("PWD")) {
            env.put("PWD", cwd.toString());
        }
        List<String> flagEnvFiles = new ArrayList<>(req.options().envFiles());
        if (flagEnvFiles.isEmpty() && flavor == ComposeFlavor.V2) {
            String fromEnv = os.get("COMPOSE_ENV_FILES");
            if (fromEnv != null && !fromEnv.isEmpty()) {
                for (String f : fromEnv.split(",")) {
                    if (!f.isBlank()) {
                        flagEnvFiles.add(f.trim());
                    }
                }
            }
        }
        if (flavor == ComposeFlavor.V1 && flagEnvFiles.size() > 1) {
            flagEnvFiles = List.of(flagEnvFiles.get(flagEnvFiles.size() - 1)); // docopt keeps one value
        }
        boolean disableDotEnv = flavor == ComposeFlavor.V2 && parseGoBool(os.get("COMPOSE_DISABLE_ENV_FILE"));
        Path firstDotEnv = null;
        if (!flagEnvFiles.isEmpty()) {
            Map<String, String> fromFlags = new LinkedHashMap<>();
            Map<String, Source> flagOrigins = new LinkedHashMap<>();
            for (String f : flagEnvFiles) {
                Path p = Paths2.absolute(cwd, f, os);
                if (!Files.isRegularFile(p)) {
                    throw new ProjectLoadException(Source.of(p), "couldn't find env file: " + p);
                }
                byte[] bytes = read(p);
                envFiles.add(new EnvFile(p, EnvFileRole.FLAG, true, sha256(bytes), Source.NONE));
                // later --env-file wins over earlier ones; the OS env wins over all
                for (DotEnv.Entry e : DotEnv.parse(bytes, p, k -> os.containsKey(k) ? os.get(k) : fromFlags.get(k),
                        flavor, null)) {
                    fromFlags.put(e.key(), e.value());
                    flagOrigins.put(e.key(), e.source());
                }
            }
            fromFlags.forEach((k, v) -> {
                if (!env.containsKey(k)) {
                    env.put(k, v);
                    origins.put(k, flagOrigins.get(k));
                }
            });
        } else if (!disableDotEnv) {
            Path dir = projectDirOpt;
            if (dir == null) {
                for (String f : req.options().files()) {
                    if (!f.equals("-")) {
                        dir = Paths2.absolute(cwd, f, os).getParent();
                        break;
                    }
                }
            }
            if (dir == null && flavor == ComposeFlavor.V2 && !req.release().dotEnvFromWorkingDirFirst()) {
                dir = discoveredDir(cwd, projectDirOpt);
            }
            firstDotEnv = (dir == null ? cwd : dir).resolve(".env");
            readDotEnv(firstDotEnv);
        }

        // 2. compose files and the project directory
        FileDiscovery.Result found = FileDiscovery.find(req, cwd, env, projectDirOpt, warnings);
        Path workingDir = projectDirOpt;
        if (workingDir == null) {
            for (FileDiscovery.Entry e : found.files()) {
                if (e.path() != null) {
                    workingDir = e.path().getParent();
                    break;
                }
            }
        }
        if (workingDir == null) {
            workingDir = cwd;
        }
        if (flavor == ComposeFlavor.V2 && flagEnvFiles.isEmpty() && !disableDotEnv
                && req.release().dotEnvFromWorkingDirFirst()) {
            Path second = workingDir.resolve(".env");
            if (!second.equals(firstDotEnv)) {
                readDotEnv(second); // adds only keys still unset
            }
        }

        // 3. parse every main file, then the project name (from raw name:, interpolated)
        List<MainFile> mains = new ArrayList<>();
        for (FileDiscovery.Entry e : found.files()) {
            Path p = e.path() == null ? STDIN : e.path();
            byte[] bytes = e.path() == null ? readStdin() : read(p);
            files.add(new ComposeFile(p, e.role(), sha256(bytes)));
            mains.add(new MainFile(files.get(files.size() - 1), Yaml.parse(bytes, p, flavor)));
        }
        List<ProjectNames.NameField> nameFields = new ArrayList<>();
        for (MainFile mf : mains) {
            for (YMap doc : mf.docs) {
                checkV1(doc, mf.file.path());
                YNode n = doc.get("name");
                if (n instanceof YScalar s && s.value() != null && !s.value().isEmpty()) {
                    String v = interpolateString(s.value(), s.source, "name", env);
                    nameFields.add(new ProjectNames.NameField(s.raw, v, doc.keySource("name")));
                }
            }
        }
        String shellName = os.get("COMPOSE_PROJECT_NAME");
        String fileName = shellName == null ? env.get("COMPOSE_PROJECT_NAME") : null;
        Path base = workingDir.getFileName();
        ProjectName name = ProjectNames.resolve(flavor, req.options().projectName(), shellName, fileName,
                origins.getOrDefault("COMPOSE_PROJECT_NAME", Source.NONE), nameFields,
                base == null ? "" : base.toString());

        interpEnv = new LinkedHashMap<>(env);
        if (flavor == ComposeFlavor.V2) {
            interpEnv.put("COMPOSE_PROJECT_NAME", name.value());
        }

        // 4. per file: interpolate, resolve paths, include, extends; layers; merge
        ModelBuilder builder = new ModelBuilder(req.release(), name.value(), warnings);
        YMap model = null;
        List<Layer> layers = new ArrayList<>();
        for (MainFile mf : mains) {
            for (YMap doc : mf.docs) {
                if (doc.get("version") != null) {
                    if (flavor == ComposeFlavor.V2) {
                        warnings.add(mf.file.path() + ": the attribute `version` is obsolete, it will be ignored,"
                                + " please remove it to avoid potential confusion");
                    }
                    doc.remove("version");
                }
                interpolateTree(doc, "", interpEnv);
                ComposeSchema.validate(doc, mf.file.path(), req.release()); // compose refuses before merging
                resolvePaths(doc, workingDir);
                YMap layerTree = doc.copy();
                Merger.stripResets(layerTree);
                layers.add(new Layer(mf.file, builder.services(layerTree), builder.volumes(layerTree),
                        layerTree.string("name"), layerTree.get("name") == null ? Source.NONE : layerTree.keySource("name")));
                YMap tree = applyInclude(doc, workingDir, interpEnv,
                        new ArrayList<>(List.of(mf.file.path(), realPath(mf.file.path()))));
                applyExtends(tree, mf.file.path());
                if (model == null) {
                    Merger.stripResets(tree);
                    model = tree;
                } else {
                    model = merger.top(model, tree);
                }
            }
        }
        if (model == null) {
            throw new ProjectLoadException(Source.of(files.get(0).path()), "empty compose file");
        }
        if (flavor == ComposeFlavor.V2) {
            ComposeConsistency.check(model);
        }

        // 5. the model
        Map<String, Service> services = builder.services(model);
        Map<String, Volume> volumes = builder.volumes(model);
        List<String> active = activeProfiles(services);
        Map<String, Service> finalServices = new LinkedHashMap<>();
        for (Service s : services.values()) {
            boolean on = s.profiles().isEmpty() || active.contains("*")
                    || s.profiles().stream().anyMatch(active::contains) || req.services().contains(s.name());
            finalServices.put(s.name(), new Service(s.name(), s.source(), s.image(), s.build(), s.envFiles(),
                    s.environment(), s.mounts(), s.profiles(), on, s.containerName(), s.restart(), s.dependsOn()));
            for (Mount m : s.mounts()) {
                if (m.isNamedVolume() && !volumes.containsKey(m.source())) {
                    throw new ProjectLoadException(m.declared(), flavor == ComposeFlavor.V1
                            ? "Named volume \"" + m.source() + ":" + m.target() + "\" is used in service \"" + s.name()
                                    + "\" but no declaration was found in the volumes section."
                            : "service \"" + s.name() + "\" refers to undefined volume " + m.source()
                                    + ": invalid compose project");
                }
            }
        }
        List<NameCandidate> extra = serviceEnvFiles(finalServices);
        if (!extra.isEmpty()) {
            List<NameCandidate> all = new ArrayList<>(name.candidates());
            all.addAll(extra);
            name = new ProjectName(name.value(), name.origin(), name.source(), all);
        }
        return new Project(name, workingDir, flavor, files, envFiles, finalServices, volumes, active,
                new Environment(env, origins), layers, new ArrayList<>(new LinkedHashSet<>(unsetUses)), new ArrayList<>(new LinkedHashSet<>(warnings)));
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

    // ---------------------------------------------------------------- environment

    private void readDotEnv(Path p) throws ProjectLoadException {
        if (!Files.isRegularFile(p)) {
            return; // a missing .env (or a directory named .env) is ignored
        }
        byte[] bytes = read(p);
        envFiles.add(new EnvFile(p, EnvFileRole.DOTENV, true, sha256(bytes), Source.NONE));
        Map<String, String> snapshot = new HashMap<>(env);
        List<String> unset = new ArrayList<>();
        Map<String, DotEnv.Entry> last = new LinkedHashMap<>();
        for (DotEnv.Entry e : DotEnv.parse(bytes, p, snapshot::get, flavor, unset)) {
            last.put(e.key(), e); // a later line of the same file wins
        }
        for (DotEnv.Entry e : last.values()) {
            if (!env.containsKey(e.key())) {
                env.put(e.key(), e.value());
                origins.put(e.key(), e.source());
            }
        }
        for (String u : unset) {
            warnUnset(u, Source.of(p), "");
        }
    }

    /**
     * compose 2.26's .env directory without {@code -f} and {@code --project-directory}: where discovery (or an OS-env
     * {@code COMPOSE_FILE}) finds the first file; the cwd when nothing is found (loading then fails on its own).
     */
    private Path discoveredDir(Path cwd, Path projectDirOpt) {
        try {
            for (FileDiscovery.Entry e : FileDiscovery.find(req, cwd, env, projectDirOpt, new ArrayList<>()).files()) {
                if (e.path() != null) {
                    return e.path().getParent();
                }
            }
        } catch (ProjectLoadException e) {
            return null;
        }
        return null;
    }

    private static boolean parseGoBool(String v) throws ProjectLoadException {
        if (v == null || v.isEmpty()) {
            return false;
        }
        switch (v) {
            case "1": case "t": case "T": case "TRUE": case "true": case "True":
                return true;
            case "0": case "f": case "F": case "FALSE": case "false": case "False":
                return false;
            default:
                throw new ProjectLoadException(Source.NONE, "COMPOSE_DISABLE_ENV_FILE: strconv.ParseBool: parsing \""
                        + v + "\": invalid syntax");
        }
    }

    private List<String> activeProfiles(Map<String, Service> services) {
        List<String> active = new ArrayList<>();
        if (!req.options().profiles().isEmpty()) {
            active.addAll(req.options().profiles());
        } else {
            String p = env.get("COMPOSE_PROFILES");
            if (p != null) {
                for (String s : p.split(",")) {
                    if (!s.isBlank() && !active.contains(s.trim())) {
                        active.add(s.trim());
                    }
                }
            }
        }
        for (String named : req.services()) {
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
                    envFiles.add(new EnvFile(p, EnvFileRole.SERVICE, false, null, ref.source()));
                    continue;
                }
                byte[] bytes = read(p);
                envFiles.add(new EnvFile(p, EnvFileRole.SERVICE, true, sha256(bytes), ref.source()));
                List<DotEnv.Entry> entries;
                try {
                    entries = "raw".equals(ref.format()) ? rawEnv(bytes, p)
                            : DotEnv.parse(bytes, p, interpEnv::get, flavor, null);
                } catch (ProjectLoadException e) {
                    if (s.active()) {
                        throw e;
                    }
                    continue;
                }
                for (DotEnv.Entry e : entries) {
                    if (e.key().equals("COMPOSE_PROJECT_NAME")) {
                        cands.add(new NameCandidate(NameOrigin.SERVICE_ENV_FILE, e.value(), e.source(), false));
                    }
                }
            }
        }
        return cands;
    }

    /** docker/cli kvfile: left-trimmed lines, # comments, values verbatim. */
    private static List<DotEnv.Entry> rawEnv(byte[] bytes, Path p) {
        List<DotEnv.Entry> out = new ArrayList<>();
        String[] lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].stripLeading();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                out.add(new DotEnv.Entry(l.substring(0, eq), l.substring(eq + 1), new Source(p, i + 1, 1)));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- interpolation

    private String interpolateString(String s, Source src, String path, Map<String, String> vars)
            throws ProjectLoadException {
        if (!Interpolator.needsWork(s)) {
            return s;
        }
        List<String> unset = new ArrayList<>();
        try {
            String v = new Interpolator(vars::get, flavor, unset).interpolate(s);
            for (String u : unset) {
                warnUnset(u, src, path);
            }
            return v;
        } catch (Interpolator.InterpolationException e) {
            // environment values may be secrets: their template is not quoted
            String msg = path.contains("environment") ? Interpolator.redacted(e) : e.getMessage();
            throw new ProjectLoadException(src, (path.isEmpty() ? "" : path + ": ") + msg);
        }
    }

    private void warnUnset(String name, Source src, String path) {
        unsetUses.add(new VariableUse(name, src, path));
        if (warnedUnset.add(name)) {
            warnings.add(flavor == ComposeFlavor.V1
                    ? "The " + name + " variable is not set. Defaulting to a blank string."
                    : "The \"" + name + "\" variable is not set. Defaulting to a blank string.");
        }
    }

    private void interpolateTree(YNode n, String path, Map<String, String> vars) throws ProjectLoadException {
        if (n instanceof YMap m) {
            for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
                YNode v = e.getValue();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (v instanceof YScalar s) {
                    if (s.kind == YScalar.Kind.STR && Interpolator.needsWork(s.text)) {
                        e.setValue(s.withText(interpolateString(s.text, s.source, p, vars)));
                    }
                } else {
                    interpolateTree(v, p, vars);
                }
            }
        } else if (n instanceof YSeq q) {
            for (int i = 0; i < q.items.size(); i++) {
                YNode v = q.items.get(i);
                String p = path + "[" + i + "]";
                if (v instanceof YScalar s) {
                    if (s.kind == YScalar.Kind.STR && Interpolator.needsWork(s.text)) {
                        q.items.set(i, s.withText(interpolateString(s.text, s.source, p, vars)));
                    }
                } else {
                    interpolateTree(v, p, vars);
                }
            }
        }
    }

    // ---------------------------------------------------------------- paths

    /** Relative bind sources, env_file paths and build contexts become absolute against {@code dir}. */
    private void resolvePaths(YMap tree, Path dir) {
        YMap services = tree.map("services");
        if (services == null) {
            return;
        }
        for (YNode sn : services.entries.values()) {
            if (sn instanceof YMap svc) {
                resolveServicePaths(svc, dir);
            }
        }
    }

    private void resolveServicePaths(YMap svc, Path dir) {
        Map<String, String> os = req.osEnv();
        if (svc.get("volumes") instanceof YSeq vols) {
            for (int i = 0; i < vols.items.size(); i++) {
                YNode v = vols.items.get(i);
                if (v instanceof YScalar s && s.value() != null) {
                    try {
                        VolumeSpec spec = VolumeSpec.parse(s.value());
                        if (spec.type() == MountType.BIND && spec.source() != null
                                && !spec.source().startsWith("/") && !Paths2.isWindowsAbsolute(spec.source())
                                && !(spec.source().length() > 1 && spec.source().charAt(1) == ':')) {
                            String abs = Paths2.absolute(dir, spec.source(), os).toString();
                            vols.items.set(i, s.withText(abs + s.value().substring(spec.source().length())));
                        }
                    } catch (IllegalArgumentException e) {
                        // reported when the model is built
                    }
                } else if (v instanceof YMap m && "bind".equals(m.string("type"))) {
                    YNode src = m.get("source");
                    if (src instanceof YScalar s && s.value() != null && !s.value().startsWith("/")
                            && !Paths2.isWindowsAbsolute(s.value())) {
                        m.entries.put("source", s.withText(Paths2.absolute(dir, s.value(), os).toString()));
                    }
                }
            }
        }
        YNode ef = svc.get("env_file");
        if (ef instanceof YScalar s && s.value() != null) {
            svc.entries.put("env_file", s.withText(Paths2.absolute(dir, s.value(), os).toString()));
        } else if (ef instanceof YSeq seq) {
            for (int i = 0; i < seq.items.size(); i++) {
                YNode item = seq.items.get(i);
                if (item instanceof YScalar s && s.value() != null) {
                    seq.items.set(i, s.withText(Paths2.absolute(dir, s.value(), os).toString()));
                } else if (item instanceof YMap m && m.get("path") instanceof YScalar s && s.value() != null) {
                    m.entries.put("path", s.withText(Paths2.absolute(dir, s.value(), os).toString()));
                }
            }
        }
        YNode b = svc.get("build");
        if (b instanceof YScalar s && s.value() != null && !Paths2.isRemote(s.value())) {
            svc.entries.put("build", s.withText(Paths2.absolute(dir, s.value(), os).toString()));
        } else if (b instanceof YMap bm) {
            YNode c = bm.get("context");
            if (c instanceof YScalar s && s.value() != null && !Paths2.isRemote(s.value())) {
                bm.entries.put("context", s.withText(Paths2.absolute(dir, s.value(), os).toString()));
            } else if (c == null) {
                bm.put("context", YScalar.str(dir.toString(), bm.source), bm.source);
            }
        }
    }

    // ---------------------------------------------------------------- include

    private YMap applyInclude(YMap tree, Path baseDir, Map<String, String> vars, List<Path> stack)
            throws ProjectLoadException {
        YNode inc = tree.get("include");
        if (inc == null) {
            return tree;
        }
        Source incSrc = tree.keySource("include");
        tree.remove("include");
        if (!(inc instanceof YSeq items)) {
            throw new ProjectLoadException(inc.source, "include must be a list");
        }
        YMap acc = null;
        for (YNode item : items.items) {
            List<YScalar> paths = new ArrayList<>();
            String projectDir = null;
            List<YScalar> incEnvFiles = new ArrayList<>();
            if (item instanceof YScalar s && s.value() != null) {
                paths.add(s);
            } else if (item instanceof YMap m) {
                collectScalars(m.get("path"), paths);
                projectDir = m.string("project_directory");
                collectScalars(m.get("env_file"), incEnvFiles);
            }
            if (paths.isEmpty()) {
                throw new ProjectLoadException(item.source, "include: path is required");
            }
            Path firstPath = Paths2.absolute(baseDir, paths.get(0).value(), req.osEnv());
            Path pd = projectDir != null ? Paths2.absolute(baseDir, projectDir, req.osEnv()) : firstPath.getParent();
            Map<String, String> incVars = new LinkedHashMap<>(vars);
            List<Path> envPaths = new ArrayList<>();
            if (incEnvFiles.isEmpty()) {
                envPaths.add(pd.resolve(".env"));
            } else {
                for (YScalar e : incEnvFiles) {
                    envPaths.add(Paths2.absolute(baseDir, e.value(), req.osEnv()));
                }
            }
            for (Path ep : envPaths) {
                if (Files.isRegularFile(ep)) {
                    byte[] bytes = read(ep);
                    if (envFiles.stream().noneMatch(f -> f.path().equals(ep))) {
                        envFiles.add(new EnvFile(ep, EnvFileRole.DOTENV, true, sha256(bytes), item.source));
                    }
                    for (DotEnv.Entry e : DotEnv.parse(bytes, ep, incVars::get, flavor, null)) {
                        incVars.putIfAbsent(e.key(), e.value());
                    }
                } else if (!incEnvFiles.isEmpty() && !ep.toString().equals("/dev/null")) {
                    throw new ProjectLoadException(item.source, "couldn't find env file: " + ep);
                }
            }
            for (YScalar ps : paths) {
                if (Paths2.isRemote(ps.value()) || ps.value().startsWith("oci://")) {
                    throw new ProjectLoadException(ps.source, "include: remote resource " + ps.value()
                            + " is not modelled by compose-guard (only local files)");
                }
                Path p = Paths2.absolute(baseDir, ps.value(), req.osEnv());
                if (stack.contains(p) || stack.contains(realPath(p))) {
                    List<String> chain = new ArrayList<>();
                    for (int k = 0; k < stack.size(); k += 2) {
                        chain.add(stack.get(k).toString()); // each file is on the stack as given and as its real path
                    }
                    chain.add(p.toString());
                    throw new ProjectLoadException(ps.source, "include cycle detected: " + String.join(" -> ", chain));
                }
                if (!Files.isRegularFile(p)) {
                    throw new ProjectLoadException(ps.source, "include: open " + p + ": no such file or directory");
                }
                byte[] bytes = read(p);
                addFile(p, FileRole.INCLUDE, bytes);
                for (YMap doc : Yaml.parse(bytes, p, flavor)) {
                    doc.remove("version");
                    doc.remove("name");
                    interpolateTree(doc, "", incVars);
                    resolvePaths(doc, pd);
                    List<Path> next = new ArrayList<>(stack);
                    next.add(p);
                    next.add(realPath(p)); // the same file reached through a symlink is the same file
                    YMap t = applyInclude(doc, pd, incVars, next);
                    applyExtends(t, p);
                    Merger.stripResets(t);
                    acc = acc == null ? t : merger.top(acc, t);
                }
            }
        }
        if (acc == null) {
            return tree;
        }
        for (String section : List.of("services", "volumes", "networks", "secrets", "configs")) {
            YMap local = tree.map(section);
            YMap imported = acc.map(section);
            if (local != null && imported != null) {
                for (String k : local.entries.keySet()) {
                    if (imported.entries.containsKey(k)) {
                        warnings.add(section + "." + k + " conflicts with imported resource (defined at "
                                + imported.keySource(k) + "); compose v5 merges the local definition over it,"
                                + " compose v2 refuses the project");
                    }
                }
            }
        }
        if (incSrc == null) {
            return tree;
        }
        return merger.top(acc, tree);
    }

    /** The file's real path (symlinks resolved), or the path itself when it cannot be resolved. */
    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p;
        }
    }

    private static void collectScalars(YNode n, List<YScalar> out) {
        if (n instanceof YScalar s && s.value() != null) {
            out.add(s);
        } else if (n instanceof YSeq q) {
            for (YNode i : q.items) {
                if (i instanceof YScalar s && s.value() != null) {
                    out.add(s);
                }
            }
        }
    }

    // ---------------------------------------------------------------- extends

    private void applyExtends(YMap tree, Path file) throws ProjectLoadException {
        YMap services = tree.map("services");
        if (services == null) {
            return;
        }
        for (String name : new ArrayList<>(services.entries.keySet())) {
            resolveExtends(services, name, file, new ArrayList<>());
        }
    }

    private YMap resolveExtends(YMap services, String name, Path file, List<String> stack)
            throws ProjectLoadException {
        YNode sn = services.get(name);
        YMap svc = sn instanceof YMap m ? m : null;
        if (svc == null) {
            return new YMap(sn == null ? Source.NONE : sn.source);
        }
        YNode ext = svc.get("extends");
        if (ext == null) {
            return svc;
        }
        String key = file + "#" + name;
        if (stack.contains(key)) {
            List<String> chain = new ArrayList<>();
            for (String k : stack) {
                chain.add(k.substring(k.lastIndexOf('#') + 1));
            }
            chain.add(name);
            throw new ProjectLoadException(ext.source, "Circular reference: " + String.join(" -> ", chain));
        }
        stack.add(key);
        String baseName;
        String baseFile = null;
        if (ext instanceof YScalar s && s.value() != null) {
            baseName = s.value();
        } else if (ext instanceof YMap em && em.string("service") != null) {
            baseName = em.string("service");
            baseFile = em.string("file");
        } else {
            throw new ProjectLoadException(ext.source, "services." + name + ".extends: service is required");
        }
        YMap base;
        if (baseFile == null) {
            if (!(services.get(baseName) instanceof YMap)) {
                throw new ProjectLoadException(ext.source, "cannot extend service \"" + name + "\" in " + file
                        + ": service \"" + baseName + "\" not found");
            }
            base = resolveExtends(services, baseName, file, stack).copy();
        } else {
            Path dir = file.equals(STDIN) ? goCwd(req.cwd().toAbsolutePath().normalize(), req.osEnv(), flavor) : file.getParent();
            Path bf = Paths2.absolute(dir, baseFile, req.osEnv());
            YMap other = extendsFile(bf, ext.source);
            YMap otherServices = other.map("services");
            if (otherServices == null || !(otherServices.get(baseName) instanceof YMap)) {
                throw new ProjectLoadException(ext.source, "cannot extend service \"" + name + "\" in " + file
                        + ": service \"" + baseName + "\" not found in " + bf);
            }
            base = resolveExtends(otherServices, baseName, bf, stack).copy();
        }
        stack.remove(stack.size() - 1);
        svc.remove("extends");
        base.remove("extends");
        Merger.stripResets(base);
        YMap merged = merger.service(base, svc, name);
        services.entries.put(name, merged);
        return merged;
    }

    private YMap extendsFile(Path bf, Source from) throws ProjectLoadException {
        YMap cached = extendsCache.get(bf);
        if (cached != null) {
            return cached;
        }
        if (!Files.isRegularFile(bf)) {
            throw new ProjectLoadException(from, "extends: open " + bf + ": no such file or directory");
        }
        byte[] bytes = read(bf);
        addFile(bf, FileRole.EXTENDS, bytes);
        YMap all = null;
        for (YMap doc : Yaml.parse(bytes, bf, flavor)) {
            doc.remove("version");
            doc.remove("include"); // an extends base's include is skipped
            interpolateTree(doc, "", interpEnv);
            resolvePaths(doc, bf.getParent());
            all = all == null ? doc : merger.top(all, doc);
        }
        if (all == null) {
            all = new YMap(Source.of(bf));
        }
        extendsCache.put(bf, all);
        return all;
    }

    // ---------------------------------------------------------------- files

    private void addFile(Path p, FileRole role, byte[] bytes) {
        for (ComposeFile f : files) {
            if (f.path().equals(p)) {
                return;
            }
        }
        files.add(new ComposeFile(p, role, sha256(bytes)));
    }

    private void checkV1(YMap doc, Path file) throws ProjectLoadException {
        if (flavor != ComposeFlavor.V1) {
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
        InputStream in = req.stdin();
        if (in == null) {
            throw new ProjectLoadException(Source.of(STDIN), "-f -: no standard input to read the compose file from");
        }
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ProjectLoadException(Source.of(STDIN), "cannot read standard input: " + e.getMessage());
        }
    }

    /** Largest compose or env file read (compose files are kilobytes; this keeps hostile input out of memory). */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    static byte[] read(Path p) throws ProjectLoadException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ProjectLoadException(Source.of(p), "cannot read " + p + ": file is too large (over "
                        + (MAX_FILE_BYTES >> 20) + " MiB)");
            }
            return bytes;
        } catch (IOException e) {
            throw new ProjectLoadException(Source.of(p), "cannot read " + p + ": " + e.getClass().getSimpleName());
        }
    }

    static String sha256(byte[] bytes) {
        return Hashing.sha256Hex(bytes);
    }
}
