package dev.composeguard.invocation;

import java.util.List;

/**
 * Compose's global (root) flags, as far as the guard needs them to understand a call. The original argv is
 * kept elsewhere and handed to compose unchanged; these values are only read.
 *
 * @param files          every {@code -f/--file}, in order ({@code -} means stdin)
 * @param projectName    {@code -p/--project-name}, or null
 * @param projectDirectory {@code --project-directory} (or the hidden {@code --workdir}), or null
 * @param envFiles       every {@code --env-file}, in order
 * @param profiles       every {@code --profile}, in order
 * @param allResources   {@code --all-resources}
 * @param dryRun         {@code --dry-run}
 * @param ansi           {@code --ansi} value ({@code never} when v1's {@code --no-ansi} was given), or null
 */
public record GlobalOptions(
        List<String> files,
        String projectName,
        String projectDirectory,
        List<String> envFiles,
        List<String> profiles,
        boolean allResources,
        boolean dryRun,
        String ansi) {

    public static final GlobalOptions NONE = new GlobalOptions(List.of(), null, null, List.of(), List.of(), false, false, null);

    public GlobalOptions {
        files = List.copyOf(files);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
    }

    /** Options given after a guard command override or extend those given before it. */
    public GlobalOptions overlay(GlobalOptions later) {
        return new GlobalOptions(
                concat(files, later.files),
                later.projectName != null ? later.projectName : projectName,
                later.projectDirectory != null ? later.projectDirectory : projectDirectory,
                concat(envFiles, later.envFiles),
                concat(profiles, later.profiles),
                allResources || later.allResources,
                dryRun || later.dryRun,
                later.ansi != null ? later.ansi : ansi);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        var all = new java.util.ArrayList<String>(a);
        all.addAll(b);
        return all;
    }
}
