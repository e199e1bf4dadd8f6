package dev.composeguard.guard;

import dev.composeguard.cli.CallContext;
import dev.composeguard.exec.RealCompose;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;

/**
 * What the steps of one guarded call share.
 *
 * @param call      the call's streams, environment and argv
 * @param real      the compose that will run
 * @param project   the loaded project, or null when it could not be loaded
 * @param loadError why it could not be loaded (null when it was); destructive steps fail closed on it
 */
public record GuardedContext(CallContext call, RealCompose real, Project project, ProjectLoadException loadError) {

    public String command() {
        return call.invocation().command();
    }
}
