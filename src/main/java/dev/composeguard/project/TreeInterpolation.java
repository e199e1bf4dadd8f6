package dev.composeguard.project;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interpolates a parsed compose tree in place and remembers every unset variable it met (with where), warning once
 * per name as compose does.
 */
final class TreeInterpolation {
    private final ComposeFlavor flavor;
    private final List<String> warnings;
    private final List<VariableUse> unsetUses = new ArrayList<>();
    private final Set<String> warnedUnset = new LinkedHashSet<>();

    TreeInterpolation(ComposeFlavor flavor, List<String> warnings) {
        this.flavor = flavor;
        this.warnings = warnings;
    }

    /** Each unset use once, in the order met. */
    List<VariableUse> unsetUses() {
        return new ArrayList<>(new LinkedHashSet<>(unsetUses));
    }

    String string(String s, Source src, String path, Map<String, String> vars) throws ProjectLoadException {
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

    void warnUnset(String name, Source src, String path) {
        unsetUses.add(new VariableUse(name, src, path));
        if (warnedUnset.add(name)) {
            warnings.add(flavor == ComposeFlavor.V1
                    ? "The " + name + " variable is not set. Defaulting to a blank string."
                    : "The \"" + name + "\" variable is not set. Defaulting to a blank string.");
        }
    }

    void tree(YNode n, String path, Map<String, String> vars) throws ProjectLoadException {
        if (n instanceof YMap m) {
            for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
                YNode v = e.getValue();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (v instanceof YScalar s) {
                    if (s.kind == YScalar.Kind.STR && Interpolator.needsWork(s.text)) {
                        e.setValue(s.withText(string(s.text, s.source, p, vars)));
                    }
                } else {
                    tree(v, p, vars);
                }
            }
        } else if (n instanceof YSeq q) {
            for (int i = 0; i < q.items.size(); i++) {
                YNode v = q.items.get(i);
                String p = path + "[" + i + "]";
                if (v instanceof YScalar s) {
                    if (s.kind == YScalar.Kind.STR && Interpolator.needsWork(s.text)) {
                        q.items.set(i, s.withText(string(s.text, s.source, p, vars)));
                    }
                } else {
                    tree(v, p, vars);
                }
            }
        }
    }
}
