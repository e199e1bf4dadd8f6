package dev.composeguard.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code extends:} within a file and from other files (each base file read, interpolated and cached once). */
final class ExtendsResolver {
    private final LoadState st;
    private final Map<Path, YMap> cache = new HashMap<>();

    ExtendsResolver(LoadState st) {
        this.st = st;
    }

    void apply(YMap tree, Path file) throws ProjectLoadException {
        YMap services = tree.map("services");
        if (services == null) {
            return;
        }
        for (String name : new ArrayList<>(services.entries.keySet())) {
            resolve(services, name, file, new ArrayList<>());
        }
    }

    private YMap resolve(YMap services, String name, Path file, List<String> stack) throws ProjectLoadException {
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
        YMap base = base(services, name, file, ext, stack);
        stack.remove(stack.size() - 1);
        svc.remove("extends");
        base.remove("extends");
        Merger.stripResets(base);
        YMap merged = st.merger.service(base, svc, name);
        services.entries.put(name, merged);
        return merged;
    }

    /** A copy of the resolved service {@code ext} names, from this file or the one it names. */
    private YMap base(YMap services, String name, Path file, YNode ext, List<String> stack)
            throws ProjectLoadException {
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
        if (baseFile == null) {
            if (!(services.get(baseName) instanceof YMap)) {
                throw new ProjectLoadException(ext.source, "cannot extend service \"" + name + "\" in " + file
                        + ": service \"" + baseName + "\" not found");
            }
            return resolve(services, baseName, file, stack).copy();
        }
        Path dir = file.equals(LoadState.STDIN) ? st.cwd : file.getParent();
        Path bf = LoaderPaths.absolute(dir, baseFile, st.osEnv());
        YMap other = file(bf, ext.source);
        YMap otherServices = other.map("services");
        if (otherServices == null || !(otherServices.get(baseName) instanceof YMap)) {
            throw new ProjectLoadException(ext.source, "cannot extend service \"" + name + "\" in " + file
                    + ": service \"" + baseName + "\" not found in " + bf);
        }
        return resolve(otherServices, baseName, bf, stack).copy();
    }

    private YMap file(Path bf, Source from) throws ProjectLoadException {
        YMap cached = cache.get(bf);
        if (cached != null) {
            return cached;
        }
        if (!Files.isRegularFile(bf)) {
            throw new ProjectLoadException(from, "extends: open " + bf + ": no such file or directory");
        }
        byte[] bytes = LoadState.read(bf);
        st.addFile(bf, FileRole.EXTENDS, bytes);
        YMap all = null;
        for (YMap doc : Yaml.parse(bytes, bf, st.flavor)) {
            doc.remove("version");
            doc.remove("include"); // an extends base's include is skipped
            st.interpolation.tree(doc, "", st.interpEnv);
            PathResolver.resolve(doc, bf.getParent(), st.osEnv());
            all = all == null ? doc : st.merger.top(all, doc);
        }
        if (all == null) {
            all = new YMap(Source.of(bf));
        }
        cache.put(bf, all);
        return all;
    }
}
