package dev.composeguard.project;

import java.nio.file.Path;

/**
 * A compose file that was loaded, in load order.
 *
 * @param path   absolute path ({@code <stdin>} for {@code -f -})
 * @param role   why it was loaded
 * @param digest SHA-256 of its bytes (for the deploy ledger; never its content), computed when first asked for
 */
public record ComposeFile(Path path, FileRole role, Sha256 digest) {

    /** With a known hash (hex). */
    public ComposeFile(Path path, FileRole role, String sha256) {
        this(path, role, Sha256.known(sha256));
    }

    /** Hex SHA-256 of the file's bytes. */
    public String sha256() {
        return digest.hex();
    }
}
