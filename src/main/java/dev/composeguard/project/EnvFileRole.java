package dev.composeguard.project;

/** Why an environment file was read. */
public enum EnvFileRole {
    /** the project's {@code .env}. */
    DOTENV,
    /** {@code --env-file} (or {@code COMPOSE_ENV_FILES}), which replaces {@code .env}. */
    FLAG,
    /** a service's {@code env_file:}. */
    SERVICE
}
