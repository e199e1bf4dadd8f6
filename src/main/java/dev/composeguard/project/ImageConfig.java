package dev.composeguard.project;

import java.util.List;
import java.util.Map;

/**
 * What the local engine says about an image ({@code docker image inspect}: {@code Config.Volumes},
 * {@code Config.WorkingDir} and the few {@code Config.Env} entries that tell where data goes). Only keys that name
 * data locations or versions are kept ({@link #KEPT_ENV}), so no secret baked into an image is held.
 *
 * @param volumes    the image's declared {@code VOLUME}s
 * @param workingDir {@code WORKDIR}, or empty
 * @param env        the kept environment entries
 */
public record ImageConfig(List<String> volumes, String workingDir, Map<String, String> env) {

    /** The environment keys worth keeping: data directories and the version markers of the official images. */
    public static final List<String> KEPT_ENV = List.of("PGDATA", "PG_MAJOR", "PG_VERSION", "MYSQL_MAJOR",
            "MYSQL_VERSION", "MARIADB_MAJOR", "MARIADB_VERSION", "MONGO_MAJOR", "MONGO_VERSION", "REDIS_VERSION",
            "VALKEY_VERSION", "RABBITMQ_DATA_DIR", "RABBITMQ_VERSION", "ES_HOME", "CLICKHOUSE_DATA_DIR");

    public ImageConfig {
        volumes = List.copyOf(volumes);
        workingDir = workingDir == null ? "" : workingDir;
        env = Map.copyOf(env);
    }
}
