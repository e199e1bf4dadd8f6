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

    private static final List<String> SHORT = List.of("-f", "-p");
    private static final List<String> LONG = List.of("--file", "--project-name", "--project-directory", "--env-file",
            "--profile");

    /** True when {@code args} (what follows a guard command) may hold one of these flags, in any of its spellings. */
    static boolean givenIn(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            for (String s : SHORT) {
                if (a.startsWith(s) && !a.startsWith("--")) {
                    return true; // also -fFILE, and clustered short options
                }
            }
            for (String l : LONG) {
                if (a.equals(l) || a.startsWith(l + "=")) {
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
