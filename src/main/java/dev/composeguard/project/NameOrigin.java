package dev.composeguard.project;

/** The places that can set a compose project name, strongest first. */
public enum NameOrigin {
    /** {@code -p/--project-name}. */
    FLAG,
    /** {@code COMPOSE_PROJECT_NAME} in the shell environment. */
    SHELL_ENV,
    /** {@code COMPOSE_PROJECT_NAME} in {@code .env} or an {@code --env-file}. */
    ENV_FILE,
    /** top-level {@code name:} in a compose file. */
    NAME_FIELD,
    /** the project directory's base name. */
    DIRECTORY,
    /** {@code COMPOSE_PROJECT_NAME} in a service's {@code env_file}: compose ignores it, people expect otherwise. */
    SERVICE_ENV_FILE,
    /** the name pinned in {@code .compose-guard.yml}. */
    CONFIG
}
