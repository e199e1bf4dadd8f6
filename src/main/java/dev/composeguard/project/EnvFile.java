package dev.composeguard.project;

import java.nio.file.Path;

/**
 * An environment file the project reads (or would read: {@code exists} says whether it is there).
 *
 * @param path     absolute path
 * @param role     .env, --env-file, or a service's env_file
 * @param exists   whether the file exists and is readable
 * @param digest   SHA-256 of its bytes (never its content), computed when first asked for; null if absent
 * @param declared where it was declared (the env_file entry's line, or NONE)
 */
public record EnvFile(Path path, EnvFileRole role, boolean exists, Sha256 digest, Source declared) {

    /** With a known hash (hex), or null for an absent file. */
    public EnvFile(Path path, EnvFileRole role, boolean exists, String sha256, Source declared) {
        this(path, role, exists, sha256 == null ? null : Sha256.known(sha256), declared);
    }

    /** Hex SHA-256 of the file's bytes, or null if absent. */
    public String sha256() {
        return digest == null ? null : digest.hex();
    }
}
