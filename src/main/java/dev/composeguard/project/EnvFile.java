package dev.composeguard.project;

import java.nio.file.Path;

/**
 * An environment file the project reads (or would read: {@code exists} says whether it is there).
 *
 * @param path     absolute path
 * @param role     .env, --env-file, or a service's env_file
 * @param exists   whether the file exists and is readable
 * @param sha256   hex SHA-256 of its bytes, or null if absent (never its content)
 * @param declared where it was declared (the env_file entry's line, or NONE)
 */
public record EnvFile(Path path, EnvFileRole role, boolean exists, String sha256, Source declared) {
}
