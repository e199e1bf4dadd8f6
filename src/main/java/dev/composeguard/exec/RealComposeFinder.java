package dev.composeguard.exec;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the real compose: {@code COMPOSE_GUARD_REAL_COMPOSE}, else the docker CLI's {@code compose} plugin (in the
 * docker CLI's own search order), else {@code docker-compose} on PATH. Any candidate that is the guard itself (its
 * launcher, a shim it installed, a symlink to either) is skipped, so the guard can never run itself.
 *
 * <p>Hot path: plain file checks only. The docker config is scanned with string search, not a JSON library.
 */
public final class RealComposeFinder {

    /** Every script the guard installs carries this marker in its first lines. */
    public static final String SHIM_MARKER = "compose-guard-shim";

    /** The docker CLI's system plugin directories on Linux, in its order (compose-semantics.md §10.1). */
    public static final List<String> SYSTEM_PLUGIN_DIRS = CallContext.SYSTEM_PLUGIN_DIRS;

    private final Map<String, String> env;
    private final List<String> systemPluginDirs;
    private final List<Path> selfPaths = new ArrayList<>();

    /**
     * A finder over this machine's system plugin directories. Calls go through {@link #of(CallContext)}
     * instead, so that a test's context decides which directories exist.
     */
    public RealComposeFinder(Map<String, String> env) {
        this(env, SYSTEM_PLUGIN_DIRS);
    }

    /** The finder of the real compose for this call (its env and plugin directories). */
    public static RealComposeFinder of(CallContext call) {
        return new RealComposeFinder(call.env(), call.systemPluginDirs());
    }

    /** A finder whose system plugin directories are {@code systemPluginDirs} (the call's, see CallContext). */
    public RealComposeFinder(Map<String, String> env, List<String> systemPluginDirs) {
        this.env = env;
        this.systemPluginDirs = List.copyOf(systemPluginDirs);
        String launcher = env.get("COMPOSE_GUARD_LAUNCHER");
        if (launcher != null && !launcher.isEmpty()) {
            selfPaths.add(realPath(Path.of(launcher)));
        }
    }

    /** Finds the real compose or throws a {@link GuardException} with {@link ExitCodes#COMPOSE_NOT_FOUND}. */
    public RealCompose find() {
        List<String> skipped = new ArrayList<>();
        String explicit = env.get("COMPOSE_GUARD_REAL_COMPOSE");
        if (explicit != null && !explicit.isEmpty()) {
            Path p = Path.of(explicit);
            if (!Files.isExecutable(p) || Files.isDirectory(p)) {
                throw new GuardException(ExitCodes.COMPOSE_NOT_FOUND,
                        "COMPOSE_GUARD_REAL_COMPOSE=" + explicit + " is not an executable file");
            }
            if (isSelf(p)) {
                throw new GuardException(ExitCodes.COMPOSE_NOT_FOUND,
                        "COMPOSE_GUARD_REAL_COMPOSE=" + explicit + " is compose-guard itself; point it at the real compose");
            }
            return new RealCompose(p.toAbsolutePath(), looksLikePlugin(p), "COMPOSE_GUARD_REAL_COMPOSE");
        }
        for (Path dir : pluginDirs()) {
            Path candidate = dir.resolve("docker-compose");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                if (isSelf(candidate)) {
                    skipped.add(candidate.toString());
                    continue;
                }
                return new RealCompose(candidate, true, "docker CLI plugin");
            }
        }
        String path = env.getOrDefault("PATH", "");
        for (String entry : path.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, "docker-compose");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                if (isSelf(candidate)) {
                    skipped.add(candidate.toString());
                    continue;
                }
                return new RealCompose(candidate.toAbsolutePath(), false, "PATH");
            }
        }
        String detail = skipped.isEmpty() ? "" : " (skipped the guard's own " + String.join(", ", skipped) + ")";
        throw new GuardException(ExitCodes.COMPOSE_NOT_FOUND,
                "no real docker compose found: install the compose plugin or docker-compose, or set "
                        + "COMPOSE_GUARD_REAL_COMPOSE" + detail);
    }

    /** The docker CLI's plugin directories in its search order (compose-semantics.md §10.1). */
    List<Path> pluginDirs() {
        List<Path> dirs = new ArrayList<>();
        Path configDir = dockerConfigDir();
        for (String extra : extraPluginDirs(configDir.resolve("config.json"))) {
            dirs.add(Path.of(extra));
        }
        dirs.add(configDir.resolve("cli-plugins"));
        for (String d : systemPluginDirs) {
            dirs.add(Path.of(d));
        }
        return dirs;
    }

    private Path dockerConfigDir() {
        String dc = env.get("DOCKER_CONFIG");
        if (dc != null && !dc.isEmpty()) {
            return Path.of(dc);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
    }

    /** {@code cliPluginsExtraDirs} from config.json, read without a JSON library (a plain string array). */
    static List<String> extraPluginDirs(Path configJson) {
        List<String> out = new ArrayList<>();
        String text;
        try {
            if (!Files.isRegularFile(configJson)) {
                return out;
            }
            text = Files.readString(configJson, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return out;
        }
        int k = text.indexOf("\"cliPluginsExtraDirs\"");
        if (k < 0) {
            return out;
        }
        int open = text.indexOf('[', k);
        int close = open < 0 ? -1 : text.indexOf(']', open);
        if (open < 0 || close < 0) {
            return out;
        }
        String body = text.substring(open + 1, close);
        int i = 0;
        while ((i = body.indexOf('"', i)) >= 0) {
            int j = body.indexOf('"', i + 1);
            if (j < 0) {
                break;
            }
            out.add(body.substring(i + 1, j).replace("\\\\", "\\").replace("\\/", "/"));
            i = j + 1;
        }
        return out;
    }

    /** True when {@code p} is the guard: its launcher (through any symlink) or a script carrying the shim marker. */
    public boolean isSelf(Path p) {
        Path real = realPath(p);
        if (selfPaths.contains(real)) {
            return true;
        }
        // FileInputStream, not Files.newInputStream: the latter loads the NIO channel stack (~30 classes, ~3 ms).
        try (InputStream in = new FileInputStream(real.toFile())) {
            byte[] head = in.readNBytes(1024);
            if (head.length > 2 && head[0] == '#' && head[1] == '!') {
                String s = new String(head, StandardCharsets.ISO_8859_1);
                return s.contains(SHIM_MARKER);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean looksLikePlugin(Path p) {
        Path parent = realPath(p).getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("cli-plugins");
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
