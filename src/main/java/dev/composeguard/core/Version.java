package dev.composeguard.core;

/** The guard's own version: one place for the banner, the manifest of a backup and SARIF's tool version. */
public final class Version {
    private Version() {
    }

    /** The version from the jar manifest, or "dev" in a build tree. */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
