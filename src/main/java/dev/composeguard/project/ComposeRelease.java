package dev.composeguard.project;

import java.util.List;

/**
 * The compose releases whose behaviour the loader was checked against (docs/COMPOSE-VERSIONS.md), and what
 * differs between them. A release the guard was not checked against is modelled by the nearest one
 * ({@link #nearest}); callers name that in {@code explain} and {@code doctor}.
 */
public enum ComposeRelease {
    /** docker-compose 1.29.2 (Python), Debian 12. */
    V1_29("1.29.2", ComposeFlavor.V1),
    /** compose 2.26.1, Debian 13 ("trixie"); its schema is compose-go v2.4.8's (Debian's build). */
    V2_26("2.26.1", ComposeFlavor.V2),
    /** compose 2.40.3, the last v2 release (Debian sid); compose-go v2.9.1. */
    V2_40("2.40.3", ComposeFlavor.V2);

    private final String checked;
    private final ComposeFlavor flavor;

    ComposeRelease(String checked, ComposeFlavor flavor) {
        this.checked = checked;
        this.flavor = flavor;
    }

    /** The exact version the rules were checked against. */
    public String checked() {
        return checked;
    }

    public ComposeFlavor flavor() {
        return flavor;
    }

    /**
     * Without {@code --env-file}, the working directory's {@code .env} is read first and the project directory's
     * second (earlier wins). 2.26 reads only the project directory's, which it finds by discovery before reading
     * {@code COMPOSE_FILE} from it (so a {@code COMPOSE_FILE} there is resolved against the working directory).
     */
    public boolean dotEnvFromWorkingDirFirst() {
        return this == V2_40;
    }

    /** {@code env_file} entries may carry {@code format:} ({@code raw}); since compose 2.30. */
    public boolean envFileFormat() {
        return this == V2_40;
    }

    /** The compose-spec JSON schema the release validates with (a resource; null: none, v1 has its own). */
    public String schemaResource() {
        return switch (this) {
            case V1_29 -> null;
            case V2_26 -> "/compose-spec/compose-go-v2.4.8.schema.json";
            case V2_40 -> "/compose-spec/compose-go-v2.9.1.schema.json";
        };
    }

    /** compose's exit code when it refuses an invalid project (2.26 had its own codes, 14 and 15). */
    public int refusalExitCode() {
        return this == V2_26 ? 15 : 1;
    }

    /** The release modelled when nothing better is known: the newest of the flavor. */
    public static ComposeRelease newest(ComposeFlavor flavor) {
        return flavor == ComposeFlavor.V1 ? V1_29 : V2_40;
    }

    /**
     * The checked release nearest to {@code version} (as compose prints it: {@code v2.40.3}, {@code 2.26.1-4},
     * {@code 1.29.2}); v1 versions map to v1, everything else (v2, v5, unreadable) to the nearest v2 release, the
     * newest on a tie or when the version cannot be read.
     */
    public static ComposeRelease nearest(String version) {
        int[] v = numbers(version);
        if (v == null) {
            return V2_40;
        }
        if (v[0] == 1) {
            return V1_29;
        }
        ComposeRelease best = V2_40;
        long bestDistance = Long.MAX_VALUE;
        for (ComposeRelease r : List.of(V2_40, V2_26)) {
            long d = Math.abs(key(numbers(r.checked)) - key(v));
            if (d < bestDistance) {
                best = r;
                bestDistance = d;
            }
        }
        return best;
    }

    /** True when {@code version} is exactly a checked release (a distribution suffix such as {@code -4} aside). */
    public static boolean isChecked(String version) {
        int[] v = numbers(version);
        return v != null && nearest(version).checked.equals(v[0] + "." + v[1] + "." + v[2]);
    }

    private static long key(int[] v) {
        return v[0] * 1_000_000L + v[1] * 1_000L + v[2];
    }

    /** major, minor, patch from {@code v2.40.3}, {@code 2.40.3-3}, {@code 2.20.2+ds1-0ubuntu1}; null if none. */
    static int[] numbers(String version) {
        if (version == null) {
            return null;
        }
        String s = version.startsWith("v") ? version.substring(1) : version;
        int[] out = new int[3];
        int part = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length() && part < 3) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                out[part] = out[part] * 10 + (c - '0');
                any = true;
                if (out[part] > 100_000) {
                    return null;
                }
            } else if (c == '.' && any) {
                part++;
                any = false;
            } else {
                break;
            }
            i++;
        }
        return part >= 1 || (part == 0 && any && i == s.length()) ? out : null;
    }
}
