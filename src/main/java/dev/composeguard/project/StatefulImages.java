package dev.composeguard.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images that keep data, where they keep it (any one of the listed directories counts) and which {@code VOLUME}s
 * their Dockerfile declares: the one table lint, the destroy plan and the backup recipes share. When the local
 * engine has the image, its real {@code Config.Volumes} and {@code PGDATA}-style environment win over the table
 * ({@link #of(Service, ImageConfig)}).
 */
public final class StatefulImages {

    /**
     * @param family          what it is (postgres, mongodb …)
     * @param dataDirs        directories that hold the data; a mount on one of them or a parent keeps the data
     * @param cacheLike       true for stores often used as a throw-away cache (redis)
     * @param declaredVolumes the image's own {@code VOLUME}s: Docker puts an anonymous volume on each one no mount
     *                        targets exactly
     * @param version         the major version read from the tag, or empty
     */
    public record Kind(String family, List<String> dataDirs, boolean cacheLike, List<String> declaredVolumes,
            String version) {
        public Kind {
            dataDirs = List.copyOf(dataDirs);
            declaredVolumes = List.copyOf(declaredVolumes);
            version = version == null ? "" : version;
        }

        public Kind(String family, List<String> dataDirs, boolean cacheLike) {
            this(family, dataDirs, cacheLike, List.of(), "");
        }

        /** {@code postgres 18} or {@code mongodb}: the family with the version when it is known. */
        public String label() {
            return version.isEmpty() ? family : family + " " + version;
        }
    }

    /** The newest postgres major: {@code postgres:latest}, {@code :alpine} … run it. */
    static final int LATEST_PG = 18;
    private static final String PG_OLD = "/var/lib/postgresql/data";
    /** Images built on the official postgres image, whose data layout follows its major version. */
    private static final List<String> PG_OFFICIAL = List.of("postgres", "postgis", "pgvector", "zulip-postgresql");
    private static final Pattern PG_TAG = Pattern.compile("^(?:pg)?(\\d{1,2})(?:$|[.\\-_])|[-_]pg(\\d{1,2})(?:$|[.\\-_])");

    private static final Map<String, Kind> BY_NAME = Map.ofEntries(
            e("mongo", "mongodb", false, v("/data/db", "/data/configdb"), "/data/db"),
            e("mongodb-community-server", "mongodb", false, v("/data/db", "/data/configdb"), "/data/db"),
            e("mongodb-enterprise-server", "mongodb", false, v("/data/db", "/data/configdb"), "/data/db"),
            e("percona-server-mongodb", "mongodb", false, v("/data/db"), "/data/db"),
            e("mongodb", "mongodb", false, v(), "/data/db", "/bitnami/mongodb"),
            e("postgres", "postgres", false, v(PG_OLD), PG_OLD),
            e("postgresql", "postgres", false, v(), PG_OLD, "/bitnami/postgresql"),
            e("postgis", "postgres", false, v(PG_OLD), PG_OLD),
            e("zulip-postgresql", "postgres", false, v(PG_OLD), PG_OLD),
            e("timescaledb", "postgres", false, v(PG_OLD), PG_OLD),
            e("timescaledb-ha", "postgres", false, v(), "/home/postgres/pgdata", PG_OLD),
            e("pgvector", "postgres", false, v(PG_OLD), PG_OLD),
            e("pgvecto-rs", "postgres", false, v(PG_OLD), PG_OLD),
            e("mysql", "mysql", false, v("/var/lib/mysql"), "/var/lib/mysql", "/bitnami/mysql"),
            e("mysql-server", "mysql", false, v("/var/lib/mysql"), "/var/lib/mysql"),
            e("percona-server", "mysql", false, v("/var/lib/mysql"), "/var/lib/mysql"),
            e("mariadb", "mariadb", false, v("/var/lib/mysql"), "/var/lib/mysql", "/bitnami/mariadb"),
            e("redis", "redis", true, v("/data"), "/data", "/bitnami/redis"),
            e("redis-stack-server", "redis", true, v(), "/data"),
            e("valkey", "redis", true, v("/data"), "/data", "/bitnami/valkey"),
            e("keydb", "redis", true, v("/data"), "/data"),
            e("elasticsearch", "elasticsearch", false, v(), "/usr/share/elasticsearch/data", "/bitnami/elasticsearch"),
            e("elasticsearch-oss", "elasticsearch", false, v(), "/usr/share/elasticsearch/data"),
            e("opensearch", "opensearch", false, v(), "/usr/share/opensearch/data"),
            e("rabbitmq", "rabbitmq", false, v("/var/lib/rabbitmq"), "/var/lib/rabbitmq", "/bitnami/rabbitmq"),
            e("influxdb", "influxdb", false, v("/var/lib/influxdb2", "/etc/influxdb2"), "/var/lib/influxdb2",
                    "/var/lib/influxdb"),
            e("clickhouse-server", "clickhouse", false, v("/var/lib/clickhouse"), "/var/lib/clickhouse"),
            e("clickhouse", "clickhouse", false, v(), "/var/lib/clickhouse", "/bitnami/clickhouse"),
            e("cassandra", "cassandra", false, v("/var/lib/cassandra"), "/var/lib/cassandra", "/bitnami/cassandra"),
            e("neo4j", "neo4j", false, v("/data", "/logs"), "/data"),
            e("couchdb", "couchdb", false, v("/opt/couchdb/data"), "/opt/couchdb/data"),
            e("etcd", "etcd", false, v(), "/etcd-data", "/var/lib/etcd", "/bitnami/etcd"),
            e("minio", "minio", false, v("/data"), "/data", "/bitnami/minio/data"),
            e("zookeeper", "zookeeper", false, v("/data", "/datalog", "/logs"), "/data", "/bitnami/zookeeper"),
            e("kafka", "kafka", false, v(), "/var/lib/kafka/data", "/bitnami/kafka"),
            e("cp-kafka", "kafka", false, v("/var/lib/kafka/data", "/etc/kafka/secrets"), "/var/lib/kafka/data"),
            e("qdrant", "qdrant", false, v(), "/qdrant/storage"),
            e("meilisearch", "meilisearch", false, v("/meili_data"), "/meili_data"),
            e("docker-zulip", "zulip", false, v("/data"), "/data"),
            e("zulip", "zulip", false, v("/data"), "/data"));

    private StatefulImages() {
    }

    private static List<String> v(String... vols) {
        return List.of(vols);
    }

    private static Map.Entry<String, Kind> e(String name, String family, boolean cache, List<String> vols,
            String... dirs) {
        return Map.entry(name, new Kind(family, List.of(dirs), cache, vols, ""));
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

    /** The tag of an image reference ({@code 16-alpine}), or empty. */
    public static String tag(String image) {
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        return colon > slash ? s.substring(colon + 1).toLowerCase(Locale.ROOT) : "";
    }

    /** The stateful kind of an image reference, or null (unknown image). */
    public static Kind of(String image) {
        String base = baseName(image);
        if (base == null) {
            return null;
        }
        Kind k = BY_NAME.get(base);
        if (k == null) {
            String img = image.toLowerCase(Locale.ROOT);
            if (img.contains("mssql/server")) {
                return new Kind("mssql", List.of("/var/opt/mssql"), false);
            }
            if (!img.contains("/postgres:") && !img.contains("/postgres@") && !img.endsWith("/postgres")) {
                return null;
            }
            k = BY_NAME.get("postgres"); // ghcr.io/immich-app/postgres: built on the official image
            base = "postgres";
        }
        if (k.family().equals("postgres") && (PG_OFFICIAL.contains(base) || base.equals("postgres"))) {
            return postgres(tag(image), base);
        }
        return k;
    }

    /**
     * The official postgres layout for a tag: up to 17 the data is {@code /var/lib/postgresql/data} (the image's
     * VOLUME); from 18 it is {@code /var/lib/postgresql/<major>/docker} under {@code VOLUME /var/lib/postgresql}.
     */
    static Kind postgres(String tag, String base) {
        Matcher m = PG_TAG.matcher(tag);
        int major = 0;
        if (m.find()) {
            major = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
        } else if (base.equals("postgres") && (tag.isEmpty() || !tag.matches(".*\\d.*"))) {
            major = LATEST_PG; // latest, alpine, bookworm …: the newest major
        }
        String version = major == 0 ? "" : Integer.toString(major);
        if (major >= 18) {
            return new Kind("postgres", List.of("/var/lib/postgresql/" + major + "/docker"), false,
                    List.of("/var/lib/postgresql"), version);
        }
        return new Kind("postgres", List.of(PG_OLD), false, List.of(PG_OLD), version);
    }

    /** The first data directory of a known stateful image, or null. */
    public static String dataDir(String image) {
        Kind k = of(image);
        return k == null ? null : k.dataDirs().get(0);
    }

    /**
     * The stateful kind of a service's image, or null (unknown image, or built locally without an image); a
     * {@code PGDATA} in the service's environment moves postgres's data directory there.
     */
    public static Kind of(Service s) {
        return of(s, null);
    }

    /**
     * Like {@link #of(Service)}, with what the local engine knows about the image (null when it does not have
     * it): its declared VOLUMEs replace the table's, its {@code PGDATA} the default data directory, and an image
     * the table does not know is recognised by the version variables of the official images it is built on.
     */
    public static Kind of(Service s, ImageConfig image) {
        Kind k = of(s.image());
        if (image != null) {
            k = withEngineFacts(k, image);
        }
        if (k == null) {
            return null;
        }
        List<String> dirs = k.dataDirs();
        String pgdata = env(s, "PGDATA");
        if (pgdata != null && k.family().equals("postgres")) {
            dirs = List.of(clean(pgdata)); // the server keeps its data exactly there
        }
        return new Kind(k.family(), dirs, k.cacheLike(), k.declaredVolumes(), k.version());
    }

    private static Kind withEngineFacts(Kind k, ImageConfig img) {
        Map<String, String> env = img.env();
        if (k == null) {
            if (env.containsKey("PGDATA")) {
                k = new Kind("postgres", List.of(PG_OLD), false, List.of(), env.getOrDefault("PG_MAJOR", ""));
            } else if (env.containsKey("MARIADB_MAJOR") || env.containsKey("MARIADB_VERSION")) {
                k = new Kind("mariadb", List.of("/var/lib/mysql"), false);
            } else if (env.containsKey("MYSQL_MAJOR") || env.containsKey("MYSQL_VERSION")) {
                k = new Kind("mysql", List.of("/var/lib/mysql"), false);
            } else if (env.containsKey("MONGO_MAJOR") || env.containsKey("MONGO_VERSION")) {
                k = new Kind("mongodb", List.of("/data/db"), false);
            } else if (env.containsKey("REDIS_VERSION") || env.containsKey("VALKEY_VERSION")) {
                k = new Kind("redis", List.of("/data"), true);
            } else {
                return null;
            }
        }
        List<String> dirs = k.dataDirs();
        String version = k.version();
        if (k.family().equals("postgres") && env.get("PGDATA") != null && !env.get("PGDATA").isBlank()) {
            dirs = List.of(clean(env.get("PGDATA")));
            version = env.getOrDefault("PG_MAJOR", version);
        }
        List<String> vols = new ArrayList<>();
        for (String v : img.volumes()) {
            vols.add(clean(v));
        }
        return new Kind(k.family(), dirs, k.cacheLike(), vols, version);
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
        return isDataPath(of(s), target);
    }

    /** True when {@code target} is one of {@code k}'s data directories (or a parent of one). */
    public static boolean isDataPath(Kind k, String target) {
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
