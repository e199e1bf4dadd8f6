package dev.composeguard.backup.offsite;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * Whether and how the off-host repository is configured: restic's own environment, read as restic reads it. The
 * guard never looks at the values beyond "set or not": they go to restic through its environment, never on a
 * command line, and are blanked out of every line the guard shows.
 *
 * @param env the caller's environment (passed whole to restic: S3, SFTP, B2 … variables included)
 */
public record ResticConfig(Map<String, String> env) {
    /** restic's variables that name the repository. */
    public static final List<String> REPOSITORY_VARS = List.of("RESTIC_REPOSITORY", "RESTIC_REPOSITORY_FILE");
    /** restic's variables that give the password. */
    public static final List<String> PASSWORD_VARS = List.of("RESTIC_PASSWORD_FILE", "RESTIC_PASSWORD",
            "RESTIC_PASSWORD_COMMAND");

    /** True when a repository is named: pushes are then automatic after every backup. */
    public boolean configured() {
        return REPOSITORY_VARS.stream().anyMatch(this::set);
    }

    public boolean hasPassword() {
        return PASSWORD_VARS.stream().anyMatch(this::set);
    }

    private boolean set(String name) {
        String v = env.get(name);
        return v != null && !v.isEmpty();
    }

    /** The restic binary: {@code COMPOSE_GUARD_RESTIC}, else {@code restic} on the caller's PATH; null if none. */
    public String binary() {
        String explicit = env.get("COMPOSE_GUARD_RESTIC");
        if (explicit != null && !explicit.isEmpty()) {
            return explicit;
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir.isEmpty() ? "." : dir, "restic");
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    /**
     * Blanks out every value that could be a secret: restic's password and repository (a URL may carry
     * credentials), and the values of the cloud variables restic reads (names with KEY, SECRET, TOKEN, PASS).
     */
    public String redact(String line) {
        String out = line;
        for (Map.Entry<String, String> e : env.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (v == null || v.length() < 4) {
                continue;
            }
            boolean secret = k.equals("RESTIC_PASSWORD") || k.equals("RESTIC_REPOSITORY") || k.contains("SECRET")
                    || k.contains("KEY") || k.contains("TOKEN") || k.contains("PASS") || k.contains("CREDENTIAL");
            if (secret) {
                out = out.replace(v, "***");
            }
        }
        // user:password@ in any URL restic echoes back
        return out.replaceAll("://[^/@\\s:]+:[^/@\\s]+@", "://***@");
    }
}
