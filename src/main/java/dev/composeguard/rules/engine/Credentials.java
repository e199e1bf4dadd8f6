package dev.composeguard.rules.engine;

import dev.composeguard.core.Hashing;
import dev.composeguard.project.EnvFileRef;
import dev.composeguard.project.EnvFileValues;
import dev.composeguard.project.EnvVar;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Database init credentials: the variables official DB images read only when their data directory is empty.
 * Values are compared and hashed here and never leave this class in clear.
 */
public final class Credentials {

    /** Variables read once, at initialization of an empty data directory (plus their {@code _FILE} forms). */
    static final Set<String> INIT_KEYS = Set.of(
            "MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD", "MONGO_INITDB_DATABASE",
            "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB",
            "MYSQL_ROOT_PASSWORD", "MYSQL_USER", "MYSQL_PASSWORD", "MYSQL_DATABASE",
            "MARIADB_ROOT_PASSWORD", "MARIADB_USER", "MARIADB_PASSWORD", "MARIADB_DATABASE",
            "RABBITMQ_DEFAULT_USER", "RABBITMQ_DEFAULT_PASS", "NEO4J_AUTH",
            "DOCKER_INFLUXDB_INIT_USERNAME", "DOCKER_INFLUXDB_INIT_PASSWORD",
            "KEYCLOAK_ADMIN", "KEYCLOAK_ADMIN_PASSWORD");

    private Credentials() {
    }

    public static boolean isInitKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.endsWith("_FILE") ? key.substring(0, key.length() - 5) : key;
        return INIT_KEYS.contains(k);
    }

    /** A credential value compose will pass and where it was set (the value is never printed). */
    public record Value(String value, Source source) {
        @Override
        public String toString() {
            return "Value[@ " + source + "]";
        }
    }

    /**
     * The init credentials a service's container will get: its {@code env_file}s in order (later wins), then its
     * {@code environment:} (wins over every env_file; a bare key takes the project environment's value).
     */
    public static Map<String, Value> resolve(Project project, Service service) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (EnvFileRef ref : service.envFiles()) {
            List<EnvVar> entries;
            try {
                entries = EnvFileValues.read(ref, project.environment(), project.flavor());
            } catch (ProjectLoadException e) {
                continue; // compose fails on it itself
            }
            for (EnvVar e : entries) {
                if (isInitKey(e.key()) && e.value() != null) {
                    out.put(e.key(), new Value(e.value(), e.source()));
                }
            }
        }
        for (EnvVar ev : service.environment()) {
            if (!isInitKey(ev.key())) {
                continue;
            }
            String v = ev.value();
            if (v == null && project.environment() != null) {
                v = project.environment().get(ev.key());
            }
            if (v == null) {
                out.remove(ev.key());
            } else {
                out.put(ev.key(), new Value(v, ev.source()));
            }
        }
        return out;
    }

    /** Init credentials in a container's environment ({@code KEY=VALUE} list from the engine). */
    public static Map<String, String> fromContainerEnv(List<String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : env) {
            int eq = kv.indexOf('=');
            if (eq > 0 && isInitKey(kv.substring(0, eq))) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    /**
     * Salted hash (HMAC-SHA-256 keyed by the install's salt, RFC 2104) of one credential, hex, for the ledger. Written
     * over {@code MessageDigest}: {@code javax.crypto.Mac} initialises the JCE provider framework, ~50 ms cold on
     * every {@code up}.
     */
    public static String hash(byte[] salt, String key, String value) {
        final int block = 64;
        byte[] k = salt.length > block ? sha256().digest(salt) : salt;
        byte[] ipad = new byte[block];
        byte[] opad = new byte[block];
        for (int i = 0; i < block; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        MessageDigest inner = sha256();
        inner.update(ipad);
        inner.update((key + "=" + value).getBytes(StandardCharsets.UTF_8));
        MessageDigest outer = sha256();
        outer.update(opad);
        outer.update(inner.digest());
        return HexFormat.of().formatHex(outer.digest());
    }

    private static MessageDigest sha256() {
        return Hashing.sha256();
    }
}
