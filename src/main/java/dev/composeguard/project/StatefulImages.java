package dev.composeguard.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Images that keep data, and where they keep it (any one of the listed directories counts): the one list lint,
 * the destroy plan and the backup recipes share.
 */
public final class StatefulImages {

    /**
     * @param family    what it is (postgres, mongodb …)
     * @param dataDirs  directories that hold the data; a mount on one of them or a parent keeps the data
     * @param cacheLike true for stores often used as a throw-away cache (redis)
     */
    public record Kind(String family, List<String> dataDirs, boolean cacheLike) {
    }

    private static final List<String> PG = List.of("/var/lib/postgresql/data");
    private static final Map<String, Kind> BY_NAME = Map.ofEntries(
            e("mongo", "mongodb", false, "/data/db"),
            e("mongodb-community-server", "mongodb", false, "/data/db"),
            e("mongodb-enterprise-server", "mongodb", false, "/data/db"),
            e("percona-server-mongodb", "mongodb", false, "/data/db"),
            e("mongodb", "mongodb", false, "/data/db", "/bitnami/mongodb"),
            e("postgres", "postgres", false, PG),
            e("postgresql", "postgres", false, "/var/lib/postgresql/data", "/bitnami/postgresql"),
            e("postgis", "postgres", false, PG),
            e("timescaledb", "postgres", false, PG),
            e("timescaledb-ha", "postgres", false, "/home/postgres/pgdata", "/var/lib/postgresql/data"),
            e("pgvector", "postgres", false, PG),
            e("pgvecto-rs", "postgres", false, PG),
            e("mysql", "mysql", false, "/var/lib/mysql", "/bitnami/mysql"),
            e("mysql-server", "mysql", false, "/var/lib/mysql"),
            e("percona-server", "mysql", false, "/var/lib/mysql"),
            e("mariadb", "mariadb", false, "/var/lib/mysql", "/bitnami/mariadb"),
            e("redis", "redis", true, "/data", "/bitnami/redis"),
            e("redis-stack-server", "redis", true, "/data"),
            e("valkey", "redis", true, "/data", "/bitnami/valkey"),
            e("keydb", "redis", true, "/data"),
            e("elasticsearch", "elasticsearch", false, "/usr/share/elasticsearch/data", "/bitnami/elasticsearch"),
            e("opensearch", "opensearch", false, "/usr/share/opensearch/data"),
            e("rabbitmq", "rabbitmq", false, "/var/lib/rabbitmq", "/bitnami/rabbitmq"),
            e("influxdb", "influxdb", false, "/var/lib/influxdb2", "/var/lib/influxdb"),
            e("clickhouse-server", "clickhouse", false, "/var/lib/clickhouse"),
            e("clickhouse", "clickhouse", false, "/var/lib/clickhouse", "/bitnami/clickhouse"),
            e("cassandra", "cassandra", false, "/var/lib/cassandra", "/bitnami/cassandra"),
            e("neo4j", "neo4j", false, "/data"),
            e("couchdb", "couchdb", false, "/opt/couchdb/data"),
            e("etcd", "etcd", false, "/etcd-data", "/var/lib/etcd", "/bitnami/etcd"),
            e("minio", "minio", false, "/data", "/bitnami/minio/data"),
            e("zookeeper", "zookeeper", false, "/data", "/bitnami/zookeeper"),
            e("kafka", "kafka", false, "/var/lib/kafka/data", "/bitnami/kafka"),
            e("cp-kafka", "kafka", false, "/var/lib/kafka/data"),
            e("qdrant", "qdrant", false, "/qdrant/storage"),
            e("meilisearch", "meilisearch", false, "/meili_data"));

    private StatefulImages() {
    }

    private static Map.Entry<String, Kind> e(String name, String family, boolean cache, String... dirs) {
        return Map.entry(name, new Kind(family, List.of(dirs), cache));
    }

    private static Map.Entry<String, Kind> e(String name, String family, boolean cache, List<String> dirs) {
        return Map.entry(name, new Kind(family, dirs, cache));
    }

    /** {@code docker.io/library/postgres:15@sha…} → {@code postgres} (lower case), or null for no image. */
    public static String baseName(String image) {
        if (image == null) {
            return null;
        }
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            s = s.substring(0, colon);
        }
        return s.substring(slash + 1).toLowerCase(Locale.ROOT);
    }

    /** The stateful kind of an image reference, or null (unknown image). */
    public static Kind of(String image) {
        String base = baseName(image);
        if (base == null) {
            return null;
        }
        Kind k = BY_NAME.get(base);
        if (k != null) {
            return k;
        }
        String img = image.toLowerCase(Locale.ROOT);
        if (img.contains("mssql/server")) {
            return new Kind("mssql", List.of("/var/opt/mssql"), false);
        }
        if (img.contains("/postgres:") || img.endsWith("/postgres")) {
            return new Kind("postgres", PG, false);
        }
        return null;
    }

    /** The first data directory of a known stateful image, or null. */
    public static String dataDir(String image) {
        Kind k = of(image);
        return k == null ? null : k.dataDirs().get(0);
    }

    /**
     * The stateful kind of a service's image, or null (unknown image, or built locally without an image); a
     * {@code PGDATA} in the service's environment adds that directory for postgres.
     */
    public static Kind of(Service s) {
        Kind k = of(s.image());
        if (k == null) {
            return null;
        }
        List<String> dirs = new ArrayList<>(k.dataDirs());
        String pgdata = env(s, "PGDATA");
        if (pgdata != null && k.family().equals("postgres")) {
            dirs.add(0, clean(pgdata));
        }
        return new Kind(k.family(), List.copyOf(dirs), k.cacheLike());
    }

    private static String env(Service s, String key) {
        String v = null;
        for (EnvVar e : s.environment()) {
            if (e.key().equals(key) && e.value() != null && !e.value().isEmpty()) {
                v = e.value();
            }
        }
        return v;
    }

    /** The mount that keeps {@code kind}'s data (on a data directory or a parent of one), or null. */
    public static Mount dataMount(Service s, Kind kind) {
        Mount best = null;
        for (Mount m : s.mounts()) {
            if (m.target() == null) {
                continue;
            }
            for (String dir : kind.dataDirs()) {
                if (covers(m.target(), dir) && (best == null || m.target().length() > best.target().length())) {
                    best = m;
                }
            }
        }
        return best;
    }

    /** True when a mount at {@code target} holds {@code dir} (same path or a parent of it). */
    public static boolean covers(String target, String dir) {
        String t = clean(target);
        String d = clean(dir);
        return d.equals(t) || t.equals("/") || d.startsWith(t + "/");
    }

    /** True when {@code target} is one of the data directories of {@code s}'s image (or a parent of one). */
    public static boolean isDataPath(Service s, String target) {
        Kind k = of(s);
        return k != null && target != null && k.dataDirs().stream().anyMatch(d -> covers(target, d));
    }

    static String clean(String p) {
        String s = p.trim();
        while (s.length() > 1 && s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
