package dev.composeguard.cli;

import dev.composeguard.invocation.GlobalOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Compose's project flags, accepted after a guard command too ({@code compose-guard lint -f prod.yml}); those
 * given before the command (as compose wants them) are already in the invocation and are overlaid by these.
 */
public class ComposeOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Compose file (repeatable), as for compose.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "Project name, as for compose.")
    String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR", description = "Project directory, as for compose.")
    String projectDirectory;

    @Option(names = "--env-file", paramLabel = "FILE", description = "Environment file (repeatable), as for compose.")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Profile to enable (repeatable), as for compose.")
    List<String> profiles = new ArrayList<>();

    /**
     * True when {@code args} (what follows a guard command) may hold one of these flags, in any of its spellings
     * ({@code -fFILE}, {@code --file=FILE} …). The names come from the annotations above, so a flag added there is
     * recognised here too.
     */
    static boolean givenIn(List<String> args) {
        List<String> names = new ArrayList<>();
        for (java.lang.reflect.Field f : ComposeOptions.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o != null) {
                names.addAll(List.of(o.names()));
            }
        }
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            for (String n : names) {
                boolean given = n.startsWith("--") ? a.equals(n) || a.startsWith(n + "=")
                        : a.startsWith(n) && !a.startsWith("--"); // also -fFILE, and clustered short options
                if (given) {
                    return true;
                }
            }
        }
        return false;
    }

    public GlobalOptions toGlobalOptions() {
        return new GlobalOptions(files, projectName, projectDirectory, envFiles, profiles, false, false, null);
    }
}
