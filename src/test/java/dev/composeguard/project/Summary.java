package dev.composeguard.project;

import java.nio.file.Path;
import java.util.Map;

/** A stable text summary of a loaded project for golden files (paths relative to the case dir). */
final class Summary {
    private Summary() {
    }

    static String rel(String s, Path dir) {
        return s.replace(dir.toString(), ".").replace(dir.getParent().toString(), "..");
    }

    static String of(Project p, Path dir) {
        StringBuilder b = new StringBuilder();
        ProjectName n = p.name();
        b.append("name: ").append(n.value()).append(" (").append(n.origin())
                .append(n.source().isKnown() ? " " + n.source() : "").append(")\n");
        for (NameCandidate c : n.candidates()) {
            b.append("  candidate ").append(c.origin()).append(" \"").append(c.value()).append("\"")
                    .append(c.source().isKnown() ? " " + c.source() : "").append(c.effective() ? "" : " ignored")
                    .append('\n');
        }
        b.append("workdir: ").append(p.workingDir()).append('\n');
        b.append("files:\n");
        for (ComposeFile f : p.files()) {
            b.append("  ").append(f.role()).append(' ').append(f.path()).append('\n');
        }
        if (!p.envFiles().isEmpty()) {
            b.append("env files:\n");
            for (EnvFile f : p.envFiles()) {
                b.append("  ").append(f.role()).append(' ').append(f.path()).append(f.exists() ? "" : " (missing)")
                        .append('\n');
            }
        }
        if (!p.activeProfiles().isEmpty()) {
            b.append("profiles: ").append(String.join(",", p.activeProfiles())).append('\n');
        }
        b.append("services:\n");
        for (Service s : p.services().values()) {
            b.append("  ").append(s.name()).append(s.active() ? "" : " (inactive)");
            if (s.image() != null) {
                b.append(" image=").append(s.image());
            }
            if (s.build() != null) {
                b.append(" build=").append(s.build().context());
                if (s.build().target() != null) {
                    b.append(" target=").append(s.build().target()).append('@').append(s.build().targetSource());
                }
            }
            if (!s.profiles().isEmpty()) {
                b.append(" profiles=").append(String.join(",", s.profiles()));
            }
            if (s.containerName() != null) {
                b.append(" container_name=").append(s.containerName());
            }
            b.append('\n');
            for (EnvFileRef e : s.envFiles()) {
                b.append("    env_file ").append(e.path()).append(e.required() ? "" : " optional")
                        .append(e.format() == null ? "" : " format=" + e.format()).append('\n');
            }
            for (EnvVar e : s.environment()) {
                b.append("    env ").append(e.key()).append(e.value() == null ? " (from shell)" : "=" + e.value())
                        .append(e.isLiteral() ? " literal" : "").append('\n');
            }
            for (Mount m : s.mounts()) {
                b.append("    mount ").append(m.type().name().toLowerCase(java.util.Locale.ROOT)).append(' ');
                if (m.isNamedVolume()) {
                    Volume v = p.volumes().get(m.source());
                    b.append(m.source()).append(" (").append(v == null ? "?" : v.engineName()).append(')');
                } else if (m.isAnonymousVolume()) {
                    b.append("<anonymous>");
                } else {
                    b.append(m.source() == null ? "<none>" : m.source());
                }
                b.append(" -> ").append(m.target()).append(m.readOnly() ? " ro" : "").append(" @")
                        .append(m.declared()).append('\n');
            }
        }
        if (!p.volumes().isEmpty()) {
            b.append("volumes:\n");
            for (Volume v : p.volumes().values()) {
                b.append("  ").append(v.key()).append(" -> ").append(v.engineName())
                        .append(v.external() ? " external" : "").append(v.explicitName() ? " named" : "");
                if (v.driver() != null) {
                    b.append(" driver=").append(v.driver());
                }
                if (!v.labels().isEmpty()) {
                    b.append(" labels=").append(new java.util.TreeMap<>(v.labels()));
                }
                b.append('\n');
            }
        }
        if (p.layers().size() > 1) {
            b.append("layers:\n");
            for (Layer l : p.layers()) {
                b.append("  ").append(l.file().path().getFileName()).append(": services=")
                        .append(new java.util.TreeSet<>(l.services().keySet())).append(" volumes=")
                        .append(new java.util.TreeSet<>(l.volumes().keySet()));
                for (Service s : new java.util.TreeMap<>(l.services()).values()) {
                    for (Mount m : s.mounts()) {
                        b.append(' ').append(s.name()).append(':').append(m.type().name().toLowerCase(java.util.Locale.ROOT))
                                .append(':').append(m.target());
                    }
                }
                b.append('\n');
            }
        }
        for (VariableUse u : p.unsetVariables()) {
            b.append("unset ").append(u.name()).append(" @").append(u.source()).append('\n');
        }
        for (String w : p.warnings()) {
            b.append("warning: ").append(w).append('\n');
        }
        return rel(b.toString(), dir);
    }

    static String env(Map<String, String> m) {
        return m.toString();
    }
}
