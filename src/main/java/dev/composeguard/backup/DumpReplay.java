package dev.composeguard.backup;

import dev.composeguard.core.Hashing;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.engine.EngineClient;
import dev.composeguard.engine.EngineContainer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Replays the logical dump of one service into its running container: the dump file is copied into the container's
 * {@code /tmp} (archive API) and a fixed script runs the database's own client on it with the container's own
 * credentials (as {@link DumpRecipe}: never on a command line or in output), then deletes it. Redis gets its RDB file
 * back and is restarted (append-only Redis is refused: it would ignore the RDB).
 */
public final class DumpReplay {
    static final String PG = DbProbe.PG_AUTH + "psql -X -q -U \"$u\" -d postgres -f \"$1\" >/dev/null; rc=$?; rm -f \"$1\"; exit $rc";
    static final String MYSQL = DbProbe.MY_AUTH + "\"$m\" -uroot < \"$1\"; rc=$?; rm -f \"$1\"; exit $rc";
    static final String REDIS = DbProbe.REDIS_AUTH
            + "aof=$(redis-cli --raw CONFIG GET appendonly | sed -n 2p) || exit 3; "
            + "if [ \"$aof\" != no ]; then rm -f \"$1\"; echo 'appendonly is on: Redis would not load the RDB' >&2; exit 4; fi; "
            + "dir=$(redis-cli --raw CONFIG GET dir | sed -n 2p); f=$(redis-cli --raw CONFIG GET dbfilename | sed -n 2p); "
            + "cp \"$1\" \"$dir/$f.cg-restore\" && mv \"$dir/$f.cg-restore\" \"$dir/$f\" && rm -f \"$1\" || exit 3; "
            + "redis-cli SHUTDOWN NOSAVE >/dev/null 2>&1; exit 0";
    static final String MONGO = "if [ -n \"${MONGO_INITDB_ROOT_USERNAME:-}\" ]; then "
            + "c=$(mktemp); chmod 600 \"$c\"; printf 'password: \"%s\"\\n' \"$MONGO_INITDB_ROOT_PASSWORD\" > \"$c\"; "
            + "mongorestore --quiet --drop --archive=\"$1\" --gzip --username \"$MONGO_INITDB_ROOT_USERNAME\" "
            + "--authenticationDatabase admin --config \"$c\"; rc=$?; rm -f \"$c\" \"$1\"; exit $rc; "
            + "else mongorestore --quiet --drop --archive=\"$1\" --gzip; rc=$?; rm -f \"$1\"; exit $rc; fi";

    private final EngineClient engine;

    public DumpReplay(EngineClient engine) {
        this.engine = engine;
    }

    /** What a replay would do. */
    public record Plan(BackupStore.StoredBackup backup, Manifest.Dump dump, EngineContainer container,
            Map<String, Long> before) {
    }

    /** The replay script of a dump kind (constant; the file is its first argument). */
    static String script(String kind) {
        return switch (kind) {
            case "postgres" -> PG;
            case "mysql" -> MYSQL;
            case "redis" -> REDIS;
            case "mongo" -> MONGO;
            default -> throw new GuardException(ExitCodes.USAGE, "no way to replay a " + kind + " dump");
        };
    }

    /** Checks the dump (checksum) and finds the service's running container; changes nothing. */
    public Plan prepare(BackupStore.StoredBackup b, String service) {
        Manifest.Dump d = dumpOf(b, service);
        Path file = dumpFile(b, d);
        if (!d.sha256.equals(sha256(file))) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, d.file + ": checksum mismatch; nothing was restored");
        }
        EngineContainer c = engine.containers(false, Map.of("com.docker.compose.project", b.manifest().project,
                "com.docker.compose.service", service)).stream().filter(EngineContainer::running).findFirst()
                .orElseThrow(() -> new GuardException(ExitCodes.USAGE, "service " + service + " of project "
                        + b.manifest().project + " has no running container; start it first (docker compose up -d "
                        + service + ")"));
        return new Plan(b, d, c, VolumeFacts.count(engine, c));
    }

    /** The dump of a service in a backup (a replayable kind); a usage error naming what the backup holds if none. */
    public static Manifest.Dump dumpOf(BackupStore.StoredBackup b, String service) {
        Manifest.Dump d = b.manifest().dumps.stream().filter(x -> service.equals(x.service)).findFirst().orElse(null);
        if (d == null) {
            throw new GuardException(ExitCodes.USAGE, "backup " + b.id() + " holds no dump of service " + service
                    + (b.manifest().dumps.isEmpty() ? " (it holds no dump)" : " (dumps: " + String.join(", ",
                            b.manifest().dumps.stream().map(x -> x.service).toList()) + ")"));
        }
        script(d.kind);
        return d;
    }

    private static Path dumpFile(BackupStore.StoredBackup b, Manifest.Dump d) {
        try {
            return Verifier.inside(b.dir(), d.file);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, d.file + ": " + BackupRunner.reason(e), e);
        }
    }

    static String sha256(Path file) {
        try {
            return Hashing.sha256Hex(file);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, file + ": " + e.getMessage(), e);
        }
    }

    /** Replays; returns the counts after (empty when they cannot be taken). */
    public Map<String, Long> replay(Plan p) {
        Path file = dumpFile(p.backup(), p.dump());
        boolean gz = p.dump().file.endsWith(".gz");
        String inside = "cg-restore-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            long size = plainSize(file, gz);
            engine.copyInto(p.container().id(), "/tmp", tarOf(file, gz, inside, size));
        } catch (IOException e) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "cannot copy the dump into " + p.container().name() + ": "
                    + BackupRunner.reason(e), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = engine.exec(p.container().id(), null, List.of("sh", "-c", script(p.dump().kind), "sh", "/tmp/" + inside),
                OutputStream.nullOutputStream(), err);
        if (code != 0) {
            throw new GuardException(ExitCodes.BACKUP_FAILED, "replaying " + p.dump().file + " in " + p.container().name()
                    + " failed (exit " + code + ")" + DumpRunner.lastLine(err, p.container()));
        }
        if (p.dump().kind.equals("redis")) {
            restartRedis(p.container());
        }
        return VolumeFacts.count(engine, p.container());
    }

    /** Redis was shut down without saving so that it loads the RDB on start; start it and wait for an answer. */
    private void restartRedis(EngineContainer c) {
        for (int i = 0; i < 60 && engine.status(c.id()).equals("running"); i++) {
            sleep();
        }
        engine.start(c.id());
        for (int i = 0; i < 120; i++) {
            if (engine.exec(c.id(), null, DbProbe.REDIS.readyCommand(), OutputStream.nullOutputStream(), null) == 0) {
                return;
            }
            sleep();
        }
        throw new GuardException(ExitCodes.BACKUP_FAILED, c.name() + " did not answer after the RDB was put back");
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuardException(ExitCodes.INTERRUPTED, "interrupted");
        }
    }

    private static InputStream open(Path file, boolean gz) throws IOException {
        InputStream in = Files.newInputStream(file);
        return gz ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    private static long plainSize(Path file, boolean gz) throws IOException {
        try (InputStream in = open(file, gz)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** A one-entry tar of the (decompressed) dump, written by a thread into a pipe. */
    private static InputStream tarOf(Path file, boolean gz, String name, long size) throws IOException {
        PipedInputStream in = new PipedInputStream(256 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out); InputStream src = open(file, gz)) {
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setSize(size);
                e.setMode(0100644); // readable by the container's own user, whoever it is
                tar.putArchiveEntry(e);
                src.transferTo(tar);
                tar.closeArchiveEntry();
                tar.finish();
            } catch (IOException ignored) {
                // the reader sees a short stream and the engine refuses the archive
            }
        }, "dump-tar");
        writer.setDaemon(true);
        writer.start();
        return in;
    }

    /** For messages: a one-line summary of counts. */
    public static String counts(Map<String, Long> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, n) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(n));
        return s.length() == 0 ? "contents not counted" : s.toString();
    }
}
