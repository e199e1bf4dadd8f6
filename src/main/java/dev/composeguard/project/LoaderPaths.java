package dev.composeguard.project;

import java.nio.file.Path;
import java.util.Map;

/** Small path helpers shared by the loader: {@code ~} expansion and making paths absolute. */
final class LoaderPaths {
    private LoaderPaths() {
    }

    /** {@code ~} and {@code ~/x} become $HOME and $HOME/x (as compose-go's {@code ExpandUser}). */
    static String expandHome(String p, Map<String, String> env) {
        if (p == null || p.isEmpty() || p.charAt(0) != '~') {
            return p;
        }
        if (p.length() > 1 && p.charAt(1) != '/') {
            return p;
        }
        String home = env.get("HOME");
        if (home == null || home.isEmpty()) {
            home = System.getProperty("user.home");
        }
        return home + p.substring(1);
    }

    /** {@code p} made absolute against {@code base} with {@code ~} expanded and cleaned. */
    static Path absolute(Path base, String p, Map<String, String> env) {
        return base.resolve(expandHome(p, env)).normalize();
    }

    /**
     * A Windows absolute path ({@code C:\\x}, {@code c:/x}, {@code \\\\server\\share}): compose keeps such bind sources as
     * written on every OS instead of joining them to the project directory (compose-go {@code paths.IsWindowsAbs}).
     */
    static boolean isWindowsAbsolute(String p) {
        if (p == null) {
            return false;
        }
        if (p.startsWith("\\\\")) {
            return true;
        }
        return p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(0) < 128 && p.charAt(1) == ':'
                && (p.charAt(2) == '\\' || p.charAt(2) == '/');
    }

    static boolean isRemote(String context) {
        return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
    }
}
