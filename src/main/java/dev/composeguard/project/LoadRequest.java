package dev.composeguard.project;

import dev.composeguard.invocation.GlobalOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the loader needs to know about one call.
 *
 * @param cwd       the process working directory (absolute)
 * @param osEnv     the shell environment
 * @param options   compose's global flags from the command line
 * @param flavor    whose loading rules to apply
 * @param stdin     where {@code -f -} reads from (null: none)
 * @param services  services named on the command line ({@code up web db}); empty = all
 * @param release   the checked compose release whose rules apply within the flavor (its flavor is {@code flavor})
 */
public record LoadRequest(Path cwd, Map<String, String> osEnv, GlobalOptions options, ComposeFlavor flavor,
        InputStream stdin, List<String> services, ComposeRelease release) {
    public LoadRequest {
        osEnv = Map.copyOf(osEnv);
        services = List.copyOf(services);
        if (release == null || (flavor != null && release.flavor() != flavor)) {
            release = ComposeRelease.newest(flavor == null ? ComposeFlavor.V2 : flavor);
        }
    }

    /** The newest checked release of {@code flavor}. */
    public LoadRequest(Path cwd, Map<String, String> osEnv, GlobalOptions options, ComposeFlavor flavor,
            InputStream stdin, List<String> services) {
        this(cwd, osEnv, options, flavor, stdin, services, null);
    }

    /** The rules of {@code release}. */
    public LoadRequest(Path cwd, Map<String, String> osEnv, GlobalOptions options, ComposeRelease release,
            InputStream stdin, List<String> services) {
        this(cwd, osEnv, options, release.flavor(), stdin, services, release);
    }

    public static LoadRequest of(Path cwd, Map<String, String> osEnv, GlobalOptions options) {
        return new LoadRequest(cwd, osEnv, options, ComposeFlavor.V2, null, List.of());
    }
}
