package dev.composeguard.project;

import java.nio.file.Path;

/**
 * A compose file that was loaded, in load order.
 *
 * @param path   absolute path ({@code <stdin>} for {@code -f -})
 * @param role   why it was loaded
 * @param sha256 hex SHA-256 of its bytes (for the deploy ledger; never its content)
 */
public record ComposeFile(Path path, FileRole role, String sha256) {
}
