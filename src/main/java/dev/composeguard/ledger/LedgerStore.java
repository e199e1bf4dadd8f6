package dev.composeguard.ledger;

import dev.composeguard.core.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deploy ledger on disk: one append-only JSON-lines file per project directory, in {@code ledger/} beside the
 * backups. Lines are appended with {@code O_APPEND} and fsync'd; a last line without its newline (a crash in the
 * middle of a write) and any line that does not parse are skipped on read, and the next append starts on a fresh
 * line. Files are 0600, the directory 0700. The per-install salt for credential hashes lives in {@code salt}
 * (0600) in the same directory.
 */
public final class LedgerStore {
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    public LedgerStore(Path dir) {
        this.dir = dir;
    }

    /**
     * {@code COMPOSE_GUARD_LEDGER_DIR}, else {@code ledger/} in the backup directory: {@code
     * COMPOSE_GUARD_BACKUP_DIR}, else {@code /var/backups/compose-guard} for root, else {@code
     * ~/.local/share/compose-guard/backups}.
     */
    public static LedgerStore forEnv(Map<String, String> env) {
        String explicit = env.get("COMPOSE_GUARD_LEDGER_DIR");
        if (explicit != null && !explicit.isEmpty()) {
            return new LedgerStore(Path.of(explicit));
        }
        return new LedgerStore(dev.composeguard.backup.BackupStore.location(env).resolve("ledger"));
    }

    public Path dir() {
        return dir;
    }

    /** The ledger file of one project directory ({@code <sha256(dir)[:16]>.jsonl}). */
    public Path fileFor(Path workingDir) {
        return dir.resolve(sha256Hex(workingDir.toAbsolutePath().normalize().toString()).substring(0, 16) + ".jsonl");
    }

    /** Appends one record as one line and fsyncs it. */
    public void append(Path workingDir, Map<String, Object> record) throws IOException {
        ensureDir();
        Path f = fileFor(workingDir);
        byte[] line = (RecordJson.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
        boolean partialLast = endsWithoutNewline(f);
        try (FileChannel ch = FileChannel.open(f, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(FILE_PERMS))) {
            ByteBuffer buf;
            if (partialLast) {
                // A crash left a partial last line: close it so that the new record stands on its own line.
                buf = ByteBuffer.allocate(line.length + 1);
                buf.put((byte) '\n');
            } else {
                buf = ByteBuffer.allocate(line.length);
            }
            buf.put(line).flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.setPosixFilePermissions(f, FILE_PERMS);
    }

    private static boolean endsWithoutNewline(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, size - 1);
            return one.get(0) != '\n';
        }
    }

    /** Every complete, readable record, oldest first. */
    public List<Map<String, Object>> read(Path workingDir) throws IOException {
        Path f = fileFor(workingDir);
        List<Map<String, Object>> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        int start = 0;
        int nl;
        while ((nl = text.indexOf('\n', start)) >= 0) {
            String line = text.substring(start, nl).trim();
            start = nl + 1;
            if (line.isEmpty()) {
                continue;
            }
            Map<String, Object> record = RecordJson.read(line);
            if (record != null) {
                out.add(record);
            }
            // else: a line cut short by a crash (then closed by the next append), skipped
        }
        return out;
    }

    /** The last complete record, if any. */
    public Optional<Map<String, Object>> last(Path workingDir) throws IOException {
        List<Map<String, Object>> all = read(workingDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The per-install salt (32 random bytes), created 0600 on first use. */
    public byte[] salt() throws IOException {
        Path f = dir.resolve("salt");
        if (Files.isRegularFile(f)) {
            byte[] b = Files.readAllBytes(f);
            if (b.length >= 16) {
                return b;
            }
        }
        ensureDir();
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        Path tmp = Files.createTempFile(dir, "salt", ".tmp", PosixFilePermissions.asFileAttribute(FILE_PERMS));
        Files.write(tmp, salt);
        try {
            Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return Files.readAllBytes(f);
    }

    /** The salt if it exists already (reading never creates it). */
    public Optional<byte[]> existingSalt() {
        try {
            Path f = dir.resolve("salt");
            return Files.isRegularFile(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            // the backup directory too, when the ledger makes it first: owner-only like every directory of the guard
            Files.createDirectories(dir.getParent() == null ? dir : dir.getParent(),
                    PosixFilePermissions.asFileAttribute(DIR_PERMS));
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created by a concurrent guard
            }
        }
        Files.setPosixFilePermissions(dir, DIR_PERMS);
    }

    static String sha256Hex(String s) {
        return Hashing.sha256Hex(s);
    }
}
