package dev.composeguard.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where backups live: {@code COMPOSE_GUARD_BACKUP_DIR}, else {@code /var/backups/compose-guard} for root, else
 * {@code ~/.local/share/compose-guard/backups}. One directory per backup ({@code <project>-<UTC time>}) with its
 * {@code manifest.json}; directories 0700, files 0600. A backup is written under {@code .partial-…} and renamed
 * into place only once complete and verified.
 */
public final class BackupStore {
    public static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final String PARTIAL = ".partial-";

    private final Path root;

    public BackupStore(Path root) {
        this.root = root;
    }

    public static BackupStore fromEnv(Map<String, String> env) {
        return new BackupStore(location(env));
    }

    public static Path location(Map<String, String> env) {
        String dir = env.get("COMPOSE_GUARD_BACKUP_DIR");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir).toAbsolutePath();
        }
        if (isRoot(env)) {
            return Path.of("/var/backups/compose-guard");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "compose-guard", "backups");
    }

    private static boolean isRoot(Map<String, String> env) {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    public Path root() {
        return root;
    }

    /** Every complete backup (a directory with a readable manifest), oldest first. Unreadable ones are skipped. */
    public List<StoredBackup> list() {
        List<StoredBackup> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                if (d.getFileName().toString().startsWith(".") || !Files.isRegularFile(d.resolve(Manifest.FILE))) {
                    continue;
                }
                try {
                    out.add(new StoredBackup(d, Manifest.read(d.resolve(Manifest.FILE))));
                } catch (IOException | RuntimeException e) {
                    // A damaged manifest is reported by `backups verify`, never trusted here.
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(StoredBackup::createdAt));
        return out;
    }

    /** Time of the newest verified backup holding the volume, or null. */
    public Instant newestVerified(String volume) {
        Instant best = null;
        for (StoredBackup b : list()) {
            if (b.manifest().verified && b.manifest().volumes.stream().anyMatch(v -> volume.equals(v.name))) {
                if (best == null || b.createdAt().isAfter(best)) {
                    best = b.createdAt();
                }
            }
        }
        return best;
    }

    /** Finds a backup by id, directory name or path. */
    public StoredBackup find(String ref) {
        Path p = Path.of(ref);
        Path dir = Files.isDirectory(p) ? p : root.resolve(ref);
        if (Files.isRegularFile(dir) && dir.getFileName().toString().equals(Manifest.FILE)) {
            dir = dir.getParent();
        }
        if (!Files.isRegularFile(dir.resolve(Manifest.FILE))) {
            return null;
        }
        try {
            return new StoredBackup(dir.toAbsolutePath(), Manifest.read(dir.resolve(Manifest.FILE)));
        } catch (IOException e) {
            return null;
        }
    }

    /** A backup on disk. */
    public record StoredBackup(Path dir, Manifest manifest) {
        public Instant createdAt() {
            try {
                return Instant.parse(manifest.createdAt);
            } catch (RuntimeException e) {
                return Instant.EPOCH;
            }
        }

        public String id() {
            return dir.getFileName().toString();
        }
    }
}
