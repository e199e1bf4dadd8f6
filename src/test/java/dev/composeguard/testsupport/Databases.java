package dev.composeguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.composeguard.backup.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Real databases for integration tests: a PostgreSQL 15 service (compose-guard-test/postgres:15, Debian's binaries,
 * no entrypoint: the command initialises the cluster with the password and starts it on a unix socket), waiting
 * until it answers, commands inside a project's container, teardown, and a check that a secret is in no file.
 */
public final class Databases {
    private Databases() {
    }

    /** The compose service {@code db} (under {@code services:}) with its data on the volume {@code pgdata}. */
    public static String postgresService(String password) {
        return """
                  db:
                    image: compose-guard-test/postgres:15
                    environment:
                      POSTGRES_PASSWORD: "%s"
                      PGHOST: /tmp
                    command:
                      - sh
                      - -c
                      - >-
                        export D=/var/lib/postgresql/data; mkdir -p $$D && chown postgres:postgres $$D && chmod 700 $$D &&
                        su postgres -s /bin/sh -c 'if [ ! -s $$D/PG_VERSION ]; then printf %%s "$$POSTGRES_PASSWORD" > /tmp/pw;
                        initdb -D $$D -U postgres --auth=scram-sha-256 --pwfile=/tmp/pw >/dev/null; rm /tmp/pw; fi;
                        exec postgres -D $$D -c listen_addresses=localhost -k /tmp'
                    volumes:
                      - pgdata:/var/lib/postgresql/data
                """.formatted(password);
    }

    /**
     * MariaDB as {@code maria} (volume {@code mariadata}) and Redis as {@code cache} (volume {@code redisdata}), both
     * with {@code password} (root, requirepass), indented as services under {@code services:}.
     */
    public static String mariadbAndRedisServices(String password) {
        return """
                  maria:
                    image: compose-guard-test/mariadb:1
                    environment:
                      MARIADB_ROOT_PASSWORD: "%1$s"
                    command:
                      - sh
                      - -c
                      - >-
                        mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld /var/lib/mysql &&
                        { [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null; } &&
                        exec mariadbd --user=mysql --datadir=/var/lib/mysql --skip-networking
                    volumes:
                      - mariadata:/var/lib/mysql
                  cache:
                    image: compose-guard-test/redis:1
                    environment:
                      REDIS_PASSWORD: "%1$s"
                    command: ["sh", "-c", "exec redis-server --dir /data --requirepass \\"$$REDIS_PASSWORD\\""]
                    volumes:
                      - redisdata:/data
                """.formatted(password);
    }

    /** A compose file with only {@link #postgresService} and its volume. */
    public static String postgresProject(String password) {
        return "services:\n" + postgresService(password) + "volumes:\n  pgdata: {}\n";
    }

    /** The id of the project's running container of {@code service}. */
    public static String container(String project, String service) {
        return Docker.docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + project, "--filter",
                "label=com.docker.compose.service=" + service).stdout().trim();
    }

    /** {@code cmd} in the project's {@code service} container; {@code env} is passed by name, never on argv. */
    public static Cmd.Result execIn(String project, String service, Map<String, String> env, String... cmd) {
        return execInContainer(container(project, service), env, cmd);
    }

    public static Cmd.Result execInContainer(String container, Map<String, String> env, String... cmd) {
        List<String> argv = new ArrayList<>(List.of("docker", "exec"));
        env.keySet().forEach(k -> {
            argv.add("-e");
            argv.add(k);
        });
        argv.add(container);
        argv.addAll(List.of(cmd));
        return Cmd.run(null, env, argv);
    }

    /** One SQL statement as postgres in {@code container}: quiet, tuples only, stop on the first error. */
    public static Cmd.Result psql(String container, String password, String sql) {
        return execInContainer(container, Map.of("PGPASSWORD", password), "psql", "-X", "-q", "-At", "-v",
                "ON_ERROR_STOP=1", "-U", "postgres", "-c", sql);
    }

    /** Retries {@code what} every half second for up to a minute until it exits 0; its last result. */
    public static Cmd.Result until(Supplier<Cmd.Result> what) throws InterruptedException {
        Cmd.Result r = null;
        for (int i = 0; i < 120; i++) {
            r = what.get();
            if (r.exitCode() == 0) {
                return r;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(String.valueOf(r));
    }

    /** Waits until the project's PostgreSQL answers; its container id. */
    public static String waitForPostgres(String project, String password) throws InterruptedException {
        String container = container(project, "db");
        until(() -> psql(container, password, "select 1"));
        return container;
    }

    /** Waits for the project's PostgreSQL, then creates table {@code precious} with {@code rows} rows. */
    public static void fillPostgres(String project, String password, int rows) throws InterruptedException {
        String c = waitForPostgres(project, password);
        Cmd.Result r = psql(c, password, "create table precious(id int primary key, v text); insert into precious"
                + " select g, 'row ' || g from generate_series(1, " + rows + ") g;");
        assertEquals(0, r.exitCode(), r.toString());
    }

    /** Removes the project's containers, volumes and networks, and its {@code pgdata} volume if compose left it. */
    public static void remove(String project) {
        Docker.removeProject(project);
        Docker.docker("volume", "rm", "-f", project + "_pgdata");
    }

    /** Whether {@code secret} is in the file, also after decompressing a .gz or .zst. */
    public static boolean contains(Path p, String secret) throws IOException {
        byte[] raw = Files.readAllBytes(p);
        if (new String(raw, StandardCharsets.ISO_8859_1).contains(secret)) {
            return true;
        }
        if (p.toString().endsWith(".gz") || p.toString().endsWith(".zst")) {
            try (InputStream in = Compression.decompress(p)) {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(secret);
            }
        }
        return false;
    }
}
