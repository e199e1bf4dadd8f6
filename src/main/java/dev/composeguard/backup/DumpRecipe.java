package dev.composeguard.backup;

import dev.composeguard.project.StatefulImages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * How to take a logical dump of a running known database: a fixed shell script run inside the container through the
 * exec API. Credentials are expanded by the container's own shell from the container's own environment, and passed
 * to the tool through environment variables or a temporary file inside the container: they never appear on the
 * host's command line, in the guard's output, in the manifest or in file names.
 *
 * @param kind        postgres, mysql, redis, mongo
 * @param tool        the program that makes the dump (for the manifest and messages)
 * @param script      the {@code sh -c} script (a constant: no value of the environment is ever put into it)
 * @param gzip        true when the guard gzips the output (plain-text dumps)
 * @param extension   file name suffix
 */
public record DumpRecipe(String kind, String tool, String script, boolean gzip, String extension) {

    public static final DumpRecipe POSTGRES = new DumpRecipe("postgres", "pg_dumpall",
            "if [ -n \"${POSTGRES_PASSWORD:-}\" ]; then export PGPASSWORD=\"$POSTGRES_PASSWORD\"; fi; "
                    + "exec pg_dumpall --clean --if-exists -U \"${POSTGRES_USER:-postgres}\"",
            true, ".pg_dumpall.sql.gz");

    public static final DumpRecipe MYSQL = new DumpRecipe("mysql", "mysqldump/mariadb-dump",
            "p=\"${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}\"; if [ -n \"$p\" ]; then export MYSQL_PWD=\"$p\"; fi; "
                    + "unset p; if command -v mariadb-dump >/dev/null 2>&1; then d=mariadb-dump; else d=mysqldump; fi; "
                    + "exec \"$d\" -uroot --all-databases --single-transaction --routines --events",
            true, ".all-databases.sql.gz");

    public static final DumpRecipe REDIS = new DumpRecipe("redis", "redis-cli SAVE",
            "p=\"${REDIS_PASSWORD:-}\"; if [ -n \"$p\" ]; then export REDISCLI_AUTH=\"$p\"; fi; unset p; "
                    + "r=$(redis-cli SAVE) || exit 3; [ \"$r\" = OK ] || { echo \"SAVE answered: $r\" >&2; exit 3; }; "
                    + "dir=$(redis-cli --raw CONFIG GET dir | sed -n 2p); f=$(redis-cli --raw CONFIG GET dbfilename | sed -n 2p); "
                    + "exec cat \"$dir/$f\"",
            false, ".rdb");

    public static final DumpRecipe MONGO = new DumpRecipe("mongo", "mongodump --archive --gzip",
            "if [ -n \"${MONGO_INITDB_ROOT_USERNAME:-}\" ]; then "
                    + "c=$(mktemp); chmod 600 \"$c\"; printf 'password: \"%s\"\\n' \"$MONGO_INITDB_ROOT_PASSWORD\" > \"$c\"; "
                    + "mongodump --quiet --archive --gzip --username \"$MONGO_INITDB_ROOT_USERNAME\" "
                    + "--authenticationDatabase admin --config \"$c\"; rc=$?; rm -f \"$c\"; exit $rc; "
                    + "else exec mongodump --quiet --archive --gzip; fi",
            false, ".mongodump-gzip.archive");

    /** The recipe for an image, or null when it is no known database. */
    public static DumpRecipe forImage(String image) {
        String base = StatefulImages.baseName(image);
        if (base == null) {
            return null;
        }
        return switch (base.toLowerCase(Locale.ROOT)) {
            case "postgres", "postgis", "timescaledb" -> POSTGRES;
            case "mysql", "mariadb", "percona", "percona-server" -> MYSQL;
            case "redis", "valkey", "keydb" -> REDIS;
            case "mongo", "mongodb" -> MONGO;
            default -> null;
        };
    }

    public List<String> command() {
        return List.of("sh", "-c", script);
    }

    /**
     * Checks the dump looks complete: the text trailer pg_dumpall and mysqldump write last, the RDB magic of redis,
     * the archive magic of mongodump. Returns null when it does, else why not.
     */
    public String check(byte[] head, byte[] tail, long bytes) {
        if (bytes == 0) {
            return "the dump is empty";
        }
        String t = new String(tail, StandardCharsets.ISO_8859_1);
        return switch (kind) {
            case "postgres" -> t.contains("PostgreSQL database cluster dump complete") ? null
                    : "the dump has no completion trailer (cut short?)";
            case "mysql" -> t.contains("-- Dump completed") ? null : "the dump has no '-- Dump completed' trailer";
            case "redis" -> new String(head, StandardCharsets.ISO_8859_1).startsWith("REDIS") ? null
                    : "the dump file is not an RDB file";
            case "mongo" -> head.length >= 4 && (head[0] & 0xff) == 0x6d && (head[1] & 0xff) == 0xe2
                    && (head[2] & 0xff) == 0x99 && (head[3] & 0xff) == 0x81 ? null : "not a mongodump archive";
            default -> null;
        };
    }
}
