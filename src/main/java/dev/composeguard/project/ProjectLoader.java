package dev.composeguard.project;

/**
 * Loads a compose project exactly as compose does (compose-semantics.md): discovery, overrides, .env and
 * --env-file, interpolation, merge, extends, include, profiles, project name with provenance.
 */
public final class ProjectLoader {
    private ProjectLoader() {
    }

    public static Project load(LoadRequest request) throws ProjectLoadException {
        throw new ProjectLoadException(Source.NONE, "project loading is not implemented yet");
    }
}
