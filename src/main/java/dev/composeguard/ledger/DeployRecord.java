package dev.composeguard.ledger;

import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.project.Volume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the deploy ledger (version {@value #VERSION}). Readers accept any version: unknown fields are
 * ignored and missing ones read as empty, so the ledger survives upgrades in both directions. Holds paths and
 * hashes, never contents or secret values.
 */
public final class DeployRecord {
    public static final int VERSION = 1;

    private DeployRecord() {
    }

    /** The record of a deploy of {@code project}; {@code credentialHashes}: service → key → salted hash. */
    public static Map<String, Object> of(Project project, Instant time, String composeVersion,
            Map<String, Map<String, String>> credentialHashes) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("v", VERSION);
        r.put("time", time.toString());
        r.put("project", project.name().value());
        r.put("projectOrigin", project.name().origin() == null ? null : project.name().origin().name());
        r.put("projectSource", project.name().source() == null ? "" : project.name().source().toString());
        r.put("workingDir", project.workingDir().toString());
        r.put("composeVersion", composeVersion);
        List<Object> files = new ArrayList<>();
        for (ComposeFile f : project.files()) {
            files.add(file(f.path().toString(), f.role().name(), f.sha256()));
        }
        r.put("composeFiles", files);
        List<Object> envs = new ArrayList<>();
        for (EnvFile e : project.envFiles()) {
            Map<String, Object> m = file(e.path().toString(), e.role().name(), e.sha256());
            m.put("exists", e.exists());
            envs.add(m);
        }
        r.put("envFiles", envs);
        r.put("overrides", overrides(project));
        List<Object> mounts = new ArrayList<>();
        for (Service s : project.activeServices()) {
            for (Mount m : s.mounts()) {
                if (m.isNamedVolume()) {
                    Volume v = project.volumes().get(m.source());
                    Map<String, Object> x = mount(s.name(), m.target(), "volume");
                    x.put("key", m.source());
                    x.put("engineName", v == null ? m.source() : v.engineName());
                    mounts.add(x);
                } else if (m.isBind()) {
                    Map<String, Object> x = mount(s.name(), m.target(), "bind");
                    x.put("hostPath", m.source());
                    mounts.add(x);
                }
            }
        }
        r.put("mounts", mounts);
        r.put("credentials", credentialHashes);
        return r;
    }

    /** Override files of the project: the automatic override and any file named {@code *override*}. */
    public static List<String> overrides(Project project) {
        List<String> out = new ArrayList<>();
        for (ComposeFile f : project.files()) {
            String n = f.path().getFileName() == null ? "" : f.path().getFileName().toString();
            if (f.role() == FileRole.OVERRIDE || n.contains("override")) {
                out.add(f.path().toString());
            }
        }
        return out;
    }

    /** The project-level env files ({@code .env} or {@code --env-file}) in order. */
    public static List<String> projectEnvFiles(Project project) {
        List<String> out = new ArrayList<>();
        for (EnvFile e : project.envFiles()) {
            if (e.role() != EnvFileRole.SERVICE && e.exists()) {
                out.add(e.path().toString());
            }
        }
        return out;
    }

    private static Map<String, Object> file(String path, String role, String sha256) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("role", role);
        m.put("sha256", sha256);
        return m;
    }

    private static Map<String, Object> mount(String service, String target, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", service);
        m.put("target", target);
        m.put("type", type);
        return m;
    }
}
