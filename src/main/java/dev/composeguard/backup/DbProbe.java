package dev.composeguard.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to ask a database whether it answers and how much it holds: fixed {@code sh -c} scripts run inside its
 * container through the exec API (credentials come from the container's own environment, as in {@link DumpRecipe}:
 * never on a command line, in the guard's output or in the manifest). The count script prints one line of
 * {@code name=number} pairs, e.g. {@code tables=3 rows=5000}.
 *
 * @param kind   postgres, mysql, redis, mongo
 * @param ready  exits 0 once the database accepts queries
 * @param count  prints the counts
 */
public record DbProbe(String kind, String ready, String count) {

    static final String PG_AUTH = "if [ -n \"${POSTGRES_PASSWORD:-}\" ]; then export PGPASSWORD=\"$POSTGRES_PASSWORD\"; fi; "
            + "u=\"${POSTGRES_USER:-postgres}\"; ";

    public static final DbProbe POSTGRES = new DbProbe("postgres",
            PG_AUTH + "pg_isready -q -U \"$u\" -d postgres && psql -X -At -U \"$u\" -d postgres -c 'select 1' >/dev/null",
            PG_AUTH + "out=$(psql -X -At -U \"$u\" -d postgres -c "
                    + "'select datname from pg_database where datallowconn and not datistemplate' | "
                    + "while IFS= read -r d; do printf '%s\\n' \"select format('select count(*) from %I.%I', schemaname, "
                    + "tablename) from pg_tables where schemaname not in ('pg_catalog','information_schema') \\gexec\" "
                    + "| psql -X -At -v ON_ERROR_STOP=1 -U \"$u\" -d \"$d\" || exit 3; done) || exit 3; "
                    + "printf '%s\\n' \"$out\" | awk 'NF {t++; r+=$1} END {printf \"tables=%d rows=%d\\n\", t, r}'");

    static final String MY_AUTH = "p=\"${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}\"; "
            + "if [ -n \"$p\" ]; then export MYSQL_PWD=\"$p\"; fi; unset p; "
            + "if command -v mariadb >/dev/null 2>&1; then m=mariadb; a=mariadb-admin; else m=mysql; a=mysqladmin; fi; ";

    public static final DbProbe MYSQL = new DbProbe("mysql",
            MY_AUTH + "\"$a\" -uroot ping >/dev/null 2>&1 && \"$m\" -uroot -N -B -e 'select 1' >/dev/null",
            MY_AUTH + "q=$(\"$m\" -uroot -N -B -e 'select concat(\"select count(*) from `\", table_schema, \"`.`\", "
                    + "table_name, \"`;\") from information_schema.tables where table_type=\"BASE TABLE\" and table_schema "
                    + "not in (\"mysql\",\"information_schema\",\"performance_schema\",\"sys\")') || exit 3; "
                    + "out=$(printf '%s\\n' \"$q\" | \"$m\" -uroot -N -B) || exit 3; "
                    + "printf '%s\\n' \"$out\" | awk 'NF {t++; r+=$1} END {printf \"tables=%d rows=%d\\n\", t, r}'");

    static final String REDIS_AUTH = "p=\"${REDIS_PASSWORD:-}\"; if [ -n \"$p\" ]; then export REDISCLI_AUTH=\"$p\"; fi; "
            + "unset p; ";

    public static final DbProbe REDIS = new DbProbe("redis",
            REDIS_AUTH + "[ \"$(redis-cli ping 2>/dev/null)\" = PONG ]",
            REDIS_AUTH + "out=$(redis-cli --raw INFO keyspace) || exit 3; "
                    + "printf '%s\\n' \"$out\" | tr ',:' '\\n\\n' | awk -F= '$1 == \"keys\" {k+=$2} END {printf \"keys=%d\\n\", k}'");

    static final String MONGO_JS = "if (process.env.MONGO_INITDB_ROOT_USERNAME) { db.getSiblingDB('admin').auth("
            + "process.env.MONGO_INITDB_ROOT_USERNAME, process.env.MONGO_INITDB_ROOT_PASSWORD); } "
            + "let c = 0, k = 0; db.adminCommand({listDatabases: 1}).databases.forEach(function (d) { "
            + "if (['admin', 'local', 'config'].includes(d.name)) { return; } const s = db.getSiblingDB(d.name); "
            + "s.getCollectionNames().forEach(function (n) { c++; k += s.getCollection(n).countDocuments({}); }); }); "
            + "print('collections=' + c + ' documents=' + k)";

    public static final DbProbe MONGO = new DbProbe("mongo",
            "[ \"$(mongosh --quiet --eval 'db.adminCommand({ping: 1}).ok' 2>/dev/null)\" = 1 ]",
            "exec mongosh --quiet --eval \"" + MONGO_JS + "\"");

    /** The probe for a database kind, or null. */
    public static DbProbe of(String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "postgres" -> POSTGRES;
            case "mysql" -> MYSQL;
            case "redis" -> REDIS;
            case "mongo" -> MONGO;
            default -> null;
        };
    }

    public List<String> readyCommand() {
        return List.of("sh", "-c", ready);
    }

    public List<String> countCommand() {
        return List.of("sh", "-c", count);
    }

    /** The last line of {@code name=number} pairs in a count script's output; empty when there is none. */
    public static Map<String, Long> parseCounts(String output) {
        Map<String, Long> out = new LinkedHashMap<>();
        String[] lines = output.strip().split("\n");
        for (int i = lines.length - 1; i >= 0 && out.isEmpty(); i--) {
            for (String word : lines[i].trim().split("\\s+")) {
                int eq = word.indexOf('=');
                if (eq <= 0) {
                    out.clear();
                    break;
                }
                try {
                    out.put(word.substring(0, eq), Long.parseLong(word.substring(eq + 1)));
                } catch (NumberFormatException e) {
                    out.clear();
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Why restored counts fall short of the counts recorded when the backup started (null: they do not). More is
     * fine: a copy taken with the writers stopped holds what they wrote after the counts were taken.
     */
    public static String shortfall(Map<String, Long> expected, Map<String, Long> actual) {
        if (expected == null || expected.isEmpty()) {
            return null;
        }
        for (var e : expected.entrySet()) {
            Long got = actual.get(e.getKey());
            if (got == null) {
                return "no " + e.getKey() + " count";
            }
            if (got < e.getValue()) {
                return e.getKey() + ": " + got + " < " + e.getValue() + " recorded at backup";
            }
        }
        return null;
    }
}
