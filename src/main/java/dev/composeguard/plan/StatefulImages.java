package dev.composeguard.plan;

import java.util.Locale;
import java.util.Map;

/** Images of known stateful servers and the directory where each keeps its data. */
public final class StatefulImages {
    private static final Map<String, String> DATA_DIRS = Map.ofEntries(
            Map.entry("postgres", "/var/lib/postgresql/data"),
            Map.entry("postgis", "/var/lib/postgresql/data"),
            Map.entry("timescaledb", "/var/lib/postgresql/data"),
            Map.entry("mysql", "/var/lib/mysql"),
            Map.entry("mariadb", "/var/lib/mysql"),
            Map.entry("percona", "/var/lib/mysql"),
            Map.entry("mongo", "/data/db"),
            Map.entry("mongodb", "/data/db"),
            Map.entry("redis", "/data"),
            Map.entry("valkey", "/data"),
            Map.entry("keydb", "/data"),
            Map.entry("elasticsearch", "/usr/share/elasticsearch/data"),
            Map.entry("opensearch", "/usr/share/opensearch/data"),
            Map.entry("rabbitmq", "/var/lib/rabbitmq"),
            Map.entry("influxdb", "/var/lib/influxdb2"),
            Map.entry("cassandra", "/var/lib/cassandra"),
            Map.entry("couchdb", "/opt/couchdb/data"),
            Map.entry("neo4j", "/data"),
            Map.entry("clickhouse-server", "/var/lib/clickhouse"),
            Map.entry("minio", "/data"));

    private StatefulImages() {
    }

    /** {@code docker.io/library/postgres:15@sha…} → {@code postgres}. */
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

    /** The data directory of a known stateful image, or null. */
    public static String dataDir(String image) {
        String base = baseName(image);
        return base == null ? null : DATA_DIRS.get(base);
    }
}
