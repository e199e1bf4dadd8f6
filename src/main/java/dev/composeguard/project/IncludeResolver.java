package dev.composeguard.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code include:} (compose v2): each included file is loaded like a project of its own (its project directory,
 * its own .env or env_file for interpolation, nested includes, extends) and merged under the including file.
 */
final class IncludeResolver {
    private static final List<String> SECTIONS = List.of("services", "volumes", "networks", "secrets", "configs");

    private final LoadState st;
    private final ExtendsResolver extendsResolver;

    IncludeResolver(LoadState st, ExtendsResolver extendsResolver) {
        this.st = st;
        this.extendsResolver = extendsResolver;
    }

    /**
     * The tree with its includes merged under it.
     *
     * @param stack the including files, each as given and as its real path (cycle detection)
     */
    YMap apply(YMap tree, Path baseDir, Map<String, String> vars, List<Path> stack) throws ProjectLoadException {
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
            acc = item(item, baseDir, vars, stack, acc);
        }
        if (acc == null) {
            return tree;
        }
        warnConflicts(tree, acc);
        if (incSrc == null) {
            return tree;
        }
        return st.merger.top(acc, tree);
    }

    /** One include entry merged into {@code acc}. */
    private YMap item(YNode item, Path baseDir, Map<String, String> vars, List<Path> stack, YMap acc)
            throws ProjectLoadException {
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
        Path firstPath = LoaderPaths.absolute(baseDir, paths.get(0).value(), st.osEnv());
        Path pd = projectDir != null ? LoaderPaths.absolute(baseDir, projectDir, st.osEnv()) : firstPath.getParent();
        Map<String, String> incVars = includeEnv(item, baseDir, pd, incEnvFiles, vars);
        for (YScalar ps : paths) {
            acc = file(ps, baseDir, pd, incVars, stack, acc);
        }
        return acc;
    }

    /** The include's interpolation variables: the including ones, then its env_file (or its directory's .env). */
    private Map<String, String> includeEnv(YNode item, Path baseDir, Path pd, List<YScalar> incEnvFiles,
            Map<String, String> vars) throws ProjectLoadException {
        Map<String, String> incVars = new LinkedHashMap<>(vars);
        List<Path> envPaths = new ArrayList<>();
        if (incEnvFiles.isEmpty()) {
            envPaths.add(pd.resolve(".env"));
        } else {
            for (YScalar e : incEnvFiles) {
                envPaths.add(LoaderPaths.absolute(baseDir, e.value(), st.osEnv()));
            }
        }
        for (Path ep : envPaths) {
            if (Files.isRegularFile(ep)) {
                byte[] bytes = LoadState.read(ep);
                if (st.envFiles.stream().noneMatch(f -> f.path().equals(ep))) {
                    st.envFiles.add(new EnvFile(ep, EnvFileRole.DOTENV, true, Sha256.of(bytes), item.source));
                }
                for (DotEnv.Entry e : EnvFileValues.entries(bytes, ep, null, incVars::get, st.flavor, null)) {
                    incVars.putIfAbsent(e.key(), e.value());
                }
            } else if (!incEnvFiles.isEmpty() && !ep.toString().equals("/dev/null")) {
                throw new ProjectLoadException(item.source, "couldn't find env file: " + ep);
            }
        }
        return incVars;
    }

    /** One included file (every document of it) merged into {@code acc}. */
    private YMap file(YScalar ps, Path baseDir, Path pd, Map<String, String> incVars, List<Path> stack, YMap acc)
            throws ProjectLoadException {
        if (LoaderPaths.isRemote(ps.value()) || ps.value().startsWith("oci://")) {
            throw new ProjectLoadException(ps.source, "include: remote resource " + ps.value()
                    + " is not modelled by compose-guard (only local files)");
        }
        Path p = LoaderPaths.absolute(baseDir, ps.value(), st.osEnv());
        if (stack.contains(p) || stack.contains(LoadState.realPath(p))) {
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
        byte[] bytes = LoadState.read(p);
        st.addFile(p, FileRole.INCLUDE, bytes);
        for (YMap doc : Yaml.parse(bytes, p, st.flavor)) {
            doc.remove("version");
            doc.remove("name");
            st.interpolation.tree(doc, "", incVars);
            PathResolver.resolve(doc, pd, st.osEnv());
            List<Path> next = new ArrayList<>(stack);
            next.add(p);
            next.add(LoadState.realPath(p)); // the same file reached through a symlink is the same file
            YMap t = apply(doc, pd, incVars, next);
            extendsResolver.apply(t, p);
            Merger.stripResets(t);
            acc = acc == null ? t : st.merger.top(acc, t);
        }
        return acc;
    }

    private void warnConflicts(YMap tree, YMap acc) {
        for (String section : SECTIONS) {
            YMap local = tree.map(section);
            YMap imported = acc.map(section);
            if (local != null && imported != null) {
                for (String k : local.entries.keySet()) {
                    if (imported.entries.containsKey(k)) {
                        st.warnings.add(section + "." + k + " conflicts with imported resource (defined at "
                                + imported.keySource(k) + "); compose v5 merges the local definition over it,"
                                + " compose v2 refuses the project");
                    }
                }
            }
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
}
