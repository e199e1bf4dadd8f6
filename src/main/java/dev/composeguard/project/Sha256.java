package dev.composeguard.project;

import java.util.Objects;

/**
 * The SHA-256 of a file's bytes, computed when first asked for. Only the deploy ledger reads it, and with the
 * launcher's C1-only JIT the first {@code MessageDigest} costs ~17 ms (security providers) and hashing a 330 KB
 * compose file ~25 ms more: lint and explain never pay that now.
 */
public final class Sha256 {
    private byte[] bytes;
    private String hex;

    private Sha256(byte[] bytes, String hex) {
        this.bytes = bytes;
        this.hex = hex;
    }

    /** Of these bytes (not copied: the loader hands over what it read). */
    static Sha256 of(byte[] bytes) {
        return new Sha256(Objects.requireNonNull(bytes), null);
    }

    /** A hash known already (hex). */
    public static Sha256 known(String hex) {
        return new Sha256(null, Objects.requireNonNull(hex));
    }

    /** Lower-case hex. */
    public synchronized String hex() {
        if (hex == null) {
            hex = LoadState.sha256(bytes);
            bytes = null;
        }
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sha256 s && hex().equals(s.hex());
    }

    @Override
    public int hashCode() {
        return hex().hashCode();
    }

    @Override
    public String toString() {
        return hex();
    }
}
