package dev.composeguard.project;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A compose file that was loaded, in load order: its absolute path ({@code <stdin>} for {@code -f -}), why it was
 * loaded, and the SHA-256 of its bytes (for the deploy ledger; never its content).
 *
 * <p>The hash is computed when first asked for: only the ledger reads it, and with the launcher's C1-only JIT,
 * hashing a 330 KB file costs ~25 ms (plus the first {@code MessageDigest}), which lint and explain never need.
 */
public final class ComposeFile {
    private final Path path;
    private final FileRole role;
    private byte[] bytes;
    private String sha256;

    /** With a known hash. */
    public ComposeFile(Path path, FileRole role, String sha256) {
        this(path, role, Objects.requireNonNull(sha256), null);
    }

    private ComposeFile(Path path, FileRole role, String sha256, byte[] bytes) {
        this.path = path;
        this.role = role;
        this.sha256 = sha256;
        this.bytes = bytes;
    }

    /** With the hash of {@code bytes}, computed on first use. */
    static ComposeFile of(Path path, FileRole role, byte[] bytes) {
        return new ComposeFile(path, role, null, bytes);
    }

    public Path path() {
        return path;
    }

    public FileRole role() {
        return role;
    }

    /** Hex SHA-256 of the file's bytes. */
    public synchronized String sha256() {
        if (sha256 == null) {
            sha256 = LoadState.sha256(bytes);
            bytes = null;
        }
        return sha256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComposeFile f && path.equals(f.path) && role == f.role && sha256().equals(f.sha256());
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, role);
    }

    @Override
    public String toString() {
        return "ComposeFile[path=" + path + ", role=" + role + "]";
    }
}
