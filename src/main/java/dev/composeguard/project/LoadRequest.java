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
 */
public record LoadRequest(Path cwd, Map<String, String> osEnv, GlobalOptions options, ComposeFlavor flavor,
        InputStream stdin, List<String> services) {
    public LoadRequest {
        osEnv = Map.copyOf(osEnv);
        services = List.copyOf(services);
    }

    public static LoadRequest of(Path cwd, Map<String, String> osEnv, GlobalOptions options) {
        return new LoadRequest(cwd, osEnv, options, ComposeFlavor.V2, null, List.of());
    }
}
