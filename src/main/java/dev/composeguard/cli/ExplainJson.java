package dev.composeguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.composeguard.core.JsonCodec;
import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.Mount;
import dev.composeguard.project.NameCandidate;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectName;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import dev.composeguard.project.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code explain --format json}: the project model as one compact JSON line. Scripts read it, so the field names,
 * their order and the absent-as-null convention are a format: change them only by adding fields.
 */
final class ExplainJson {
    private ExplainJson() {
    }

    static String of(Project p, ExplainCommand.Rules rules) {
        ObjectNode root = JsonCodec.MAPPER.createObjectNode();
        root.set("project", project(p.name()));
        root.set("compose", compose(rules));
        root.put("workingDir", p.workingDir().toString());
        ArrayNode files = root.putArray("files");
        for (ComposeFile f : p.files()) {
            files.addObject().put("path", f.path().toString()).put("role", f.role().name()).put("sha256", f.sha256());
        }
        ArrayNode envFiles = root.putArray("envFiles");
        for (EnvFile f : p.envFiles()) {
            envFiles.addObject().put("path", f.path().toString()).put("role", f.role().name())
                    .put("exists", f.exists()).set("declared", src(f.declared()));
        }
        strings(root.putArray("profiles"), p.activeProfiles());
        ArrayNode services = root.putArray("services");
        for (Service s : p.services().values()) {
            services.add(service(p, s));
        }
        ArrayNode volumes = root.putArray("volumes");
        List<Volume> kept = p.volumesOfActiveServices(false);
        for (Volume v : p.volumes().values()) {
            volumes.addObject().put("key", v.key()).put("engineName", v.engineName()).put("external", v.external())
                    .put("pinned", v.explicitName()).put("usedByActiveService", kept.contains(v))
                    .put("driver", v.driver()).set("source", src(v.source()));
        }
        ArrayNode unset = root.putArray("unsetVariables");
        for (var u : p.unsetVariables()) {
            unset.addObject().put("name", u.name()).set("source", src(u.source()));
        }
        strings(root.putArray("warnings"), p.warnings());
        try {
            return JsonCodec.MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("writing a JSON tree in memory", e);
        }
    }

    private static ObjectNode project(ProjectName n) {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode();
        o.put("name", n.value()).put("origin", n.origin().name()).set("source", src(n.source()));
        ArrayNode candidates = o.putArray("candidates");
        for (NameCandidate c : n.candidates()) {
            candidates.addObject().put("origin", c.origin().name()).put("value", c.value())
                    .<ObjectNode>set("source", src(c.source())).put("effective", c.effective());
        }
        return o;
    }

    private static ObjectNode compose(ExplainCommand.Rules rules) {
        return JsonCodec.MAPPER.createObjectNode()
                .put("flavor", rules.flavor() == ComposeFlavor.V1 ? "v1" : "v2")
                .put("version", rules.version())
                .put("rules", rules.release().checked())
                .put("checked", rules.checked())
                .put("path", rules.binary() == null ? null : rules.binary().toString())
                .put("note", rules.note());
    }

    private static ObjectNode service(Project p, Service s) {
        ObjectNode o = JsonCodec.MAPPER.createObjectNode().put("name", s.name()).put("active", s.active());
        strings(o.putArray("profiles"), s.profiles());
        o.put("image", s.image());
        if (s.build() == null) {
            o.putNull("build");
        } else {
            o.putObject("build").put("context", s.build().context()).put("dockerfile", s.build().dockerfile())
                    .put("target", s.build().target()).set("targetSource", src(s.build().targetSource()));
        }
        o.set("source", src(s.source()));
        ArrayNode mounts = o.putArray("mounts");
        for (Mount m : s.mounts()) {
            String type = m.type().name().toLowerCase(Locale.ROOT);
            String kind = m.isNamedVolume() ? "named" : m.isAnonymousVolume() ? "anonymous" : type;
            Volume v = m.isNamedVolume() ? p.volumes().get(m.source()) : null;
            mounts.addObject().put("kind", kind).put("type", type).put("source", m.source()).put("target", m.target())
                    .put("readOnly", m.readOnly()).put("engineName", v == null ? null : v.engineName())
                    .set("declared", src(m.declared()));
        }
        return o;
    }

    /** A place in a file, or null when unknown. */
    private static ObjectNode src(Source s) {
        if (s == null || !s.isKnown()) {
            return null;
        }
        return JsonCodec.MAPPER.createObjectNode().put("file", s.file().toString()).put("line", s.line())
                .put("column", s.column());
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
