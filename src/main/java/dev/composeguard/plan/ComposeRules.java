package dev.composeguard.plan;

import dev.composeguard.project.ComposeFlavor;

/**
 * What a given compose release deletes, where releases differ (each rule checked against the real binaries
 * 1.29.2, 2.26.1 and 2.40.3; docs/SECURITY.md, issue 11). An unknown version gets the rules that delete the most.
 *
 * @param flavor whose rules apply
 * @param major  major version, or -1 when unknown
 * @param minor  minor version, or -1 when unknown
 */
public record ComposeRules(ComposeFlavor flavor, int major, int minor) {

    /** The rules of {@code version} as compose prints it ({@code v2.40.3}, {@code 1.29.2}, {@code unknown}). */
    public static ComposeRules of(ComposeFlavor flavor, String version) {
        String v = version == null ? "" : version.startsWith("v") ? version.substring(1) : version;
        String[] parts = v.split("[.-]", 3);
        try {
            return new ComposeRules(flavor, Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return new ComposeRules(flavor, -1, -1);
        }
    }

    /** Rules for a flavor whose version is not known. */
    public static ComposeRules unknown(ComposeFlavor flavor) {
        return new ComposeRules(flavor, -1, -1);
    }

    public boolean known() {
        return major >= 0;
    }

    private boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /**
     * {@code down -v SERVICE…} removes the volumes of the named services and of their {@code depends_on} closure
     * (2.40.3). Older v2 releases (2.26.1) remove the volumes of every active service whatever is named; the exact
     * release in between is not pinned down, so anything before 2.40 (or unknown) gets the wider rule.
     */
    public boolean downNarrowsToNamedServices() {
        return flavor == ComposeFlavor.V2 && known() && atLeast(2, 40);
    }

    /** compose 2.32+ asks "Recreate (data will be lost)?" when a volume's config hash differs (unknown: assume so). */
    public boolean recreatesDivergedVolumes() {
        return flavor == ComposeFlavor.V2 && (!known() || atLeast(2, 32));
    }

    /**
     * v2's runtime commands (down, rm …) that cannot load the files but see {@code COMPOSE_PROJECT_NAME} (OS env or
     * a {@code .env}) act on every resource labelled with that project instead of failing.
     */
    public boolean fallsBackToProjectLabel() {
        return flavor == ComposeFlavor.V2;
    }

    /** v1 prefers the legacy volume name ({@code <project without - and _>_<key>}) when that volume exists. */
    public boolean prefersLegacyVolumeNames() {
        return flavor == ComposeFlavor.V1;
    }
}
