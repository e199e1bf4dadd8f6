package dev.composeguard.exec;

import dev.composeguard.project.ComposeFlavor;
import dev.composeguard.project.ComposeRelease;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which compose a binary is (v1 Python or v2+ Go) and its version string, detected once per binary (path, size and
 * mtime) and cached in {@code $XDG_CACHE_HOME/compose-guard/compose-versions}: running {@code docker-compose
 * version} costs a Python start (~300 ms), which must not be paid on every call.
 *
 * @param version the version as compose prints it ({@code 1.29.2}, {@code v2.40.3}), or {@code unknown}
 * @param flavor  whose loading rules apply
 */
public record ComposeVersion(String version, ComposeFlavor flavor) {

    public static ComposeVersion of(RealCompose real, Map<String, String> env) {
        Path bin = RealComposeFinder.realPath(real.path());
        String key;
        try {
            BasicFileAttributes a = Files.readAttributes(bin, BasicFileAttributes.class);
            key = bin + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return new ComposeVersion("unknown", real.plugin() ? ComposeFlavor.V2 : ComposeFlavor.V2);
        }
        Path cache = cacheFile(env);
        List<String> lines = new ArrayList<>();
        try {
            if (cache != null && Files.isRegularFile(cache)) {
                lines.addAll(Files.readAllLines(cache, StandardCharsets.UTF_8));
                for (String line : lines) {
                    if (line.startsWith(key + "\t")) {
                        return parse(line.substring(key.length() + 1));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A broken cache only costs one detection.
        }
        String printed = detect(bin);
        ComposeVersion v = parse(printed);
        if (cache != null && !v.version.equals("unknown")) {
            try {
                Files.createDirectories(cache.getParent());
                lines.removeIf(l -> l.startsWith(bin + "\t"));
                lines.add(key + "\t" + printed);
                Path tmp = Files.createTempFile(cache.getParent(), "versions", ".tmp");
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                // Not cached this time; detection still answered.
            }
        }
        return v;
    }

    /** The checked release whose rules model this version: itself, or the nearest checked one. */
    public ComposeRelease release() {
        return flavor == ComposeFlavor.V1 ? ComposeRelease.V1_29 : ComposeRelease.nearest(version);
    }

    /** True when the guard was checked against exactly this version (a distribution suffix aside). */
    public boolean checked() {
        return ComposeRelease.isChecked(version);
    }

    /** {@code 2.40.3-3}, or {@code 2.30.0 (not checked: modelled by the rules of 2.26.1)}. */
    public String describe() {
        return checked() ? version : version + " (not checked: modelled by the rules of " + release().checked() + ")";
    }

    static Path cacheFile(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        String home = env.get("HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "compose-guard", "compose-versions");
        }
        return home == null || home.isEmpty() ? null : Path.of(home, ".cache", "compose-guard", "compose-versions");
    }

    /** Runs {@code <bin> version} (standalone mode: no plugin environment) with a timeout. */
    static String detect(Path bin) {
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "version").redirectErrorStream(true);
        pb.environment().remove("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND");
        pb.environment().put("COMPOSE_GUARD_HANDOFF", "1");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(buf);
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            String out = buf.toString(StandardCharsets.UTF_8);
            int nl = out.indexOf('\n');
            return (nl >= 0 ? out.substring(0, nl) : out).trim();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** {@code docker-compose version 1.29.2, build …} → V1; {@code Docker Compose version v2.40.3} → V2. */
    static ComposeVersion parse(String printed) {
        String s = printed.trim();
        int k = s.toLowerCase(java.util.Locale.ROOT).indexOf("version ");
        if (k < 0) {
            return new ComposeVersion("unknown", ComposeFlavor.V2);
        }
        String v = s.substring(k + "version ".length()).trim();
        int end = 0;
        while (end < v.length() && v.charAt(end) != ',' && v.charAt(end) != ' ') {
            end++;
        }
        v = v.substring(0, end);
        String digits = v.startsWith("v") ? v.substring(1) : v;
        ComposeFlavor flavor = digits.startsWith("1.") ? ComposeFlavor.V1 : ComposeFlavor.V2;
        return new ComposeVersion(v, flavor);
    }
}
