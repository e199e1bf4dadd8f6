package dev.composeguard.cli;

import dev.composeguard.core.CallContext;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.exec.Projects;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;

/**
 * What a guard command that works on engine volumes targets: the loaded project, or, when it cannot be loaded
 * but {@code -p} names it, just that name (the engine still knows the project's volumes by label).
 *
 * @param project the loaded project, or null
 * @param name    the project name (lower-cased as compose's backend does for {@code -p})
 */
record CommandTarget(Project project, String name) {

    /** Loads the target of a guard command; {@code onFallback} hears the load error when {@code -p} is used instead. */
    static CommandTarget of(CallContext call, ComposeOptions compose, java.util.function.Consumer<String> onFallback) {
        try {
            Project project = Projects.load(call, compose.toGlobalOptions(), Projects.release(call));
            return new CommandTarget(project, project.name().value());
        } catch (ProjectLoadException e) {
            String p = compose.projectName != null ? compose.projectName : call.invocation().global().projectName();
            if (p == null) {
                throw new GuardException(ExitCodes.USAGE, e.oneLine());
            }
            onFallback.accept(e.oneLine());
            return new CommandTarget(null, p.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
