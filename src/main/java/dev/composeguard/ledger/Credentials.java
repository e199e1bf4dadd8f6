package dev.composeguard.ledger;

import dev.composeguard.project.EnvFileRef;
import dev.composeguard.project.EnvVar;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.project.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
            if (ref.path() == null || !Files.isRegularFile(ref.path())) {
                continue;
            }
            Map<String, DotenvLines.Entry> entries;
            try {
                entries = DotenvLines.read(ref.path());
            } catch (IOException e) {
                continue;
            }
            for (DotenvLines.Entry e : entries.values()) {
                if (isInitKey(e.key())) {
                    String v = e.value() != null ? e.value()
                            : project.environment() == null ? null : project.environment().get(e.key());
                    if (v != null) {
                        out.put(e.key(), new Value(v, new Source(ref.path(), e.line(), 0)));
                    }
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

    /** Salted hash (HMAC-SHA-256 keyed by the install's salt) of one credential, hex, for the ledger. */
    public static String hash(byte[] salt, String key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] h = mac.doFinal((key + "=" + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a dotenv file's keys and values (values stay inside this package; never printed). */
    static final class DotenvLines {
        record Entry(String key, String value, int line) {
            @Override
            public String toString() {
                return "Entry[" + key + ":" + line + "]";
            }
        }

        static Map<String, Entry> read(Path file) throws IOException {
            Map<String, Entry> out = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int n = 0; n < lines.size(); n++) {
                String l = lines.get(n);
                if (n == 0 && l.startsWith("\uFEFF")) {
                    l = l.substring(1);
                }
                l = l.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (l.startsWith("export ")) {
                    l = l.substring(7).strip();
                }
                int eq = l.indexOf('=');
                int colon = l.indexOf(':');
                int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
                if (sep <= 0) {
                    out.put(l, new Entry(l, null, n + 1));
                    continue;
                }
                String key = l.substring(0, sep).strip();
                String v = l.substring(sep + 1).strip();
                if (v.length() >= 1 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
                    char q = v.charAt(0);
                    int end = v.indexOf(q, 1);
                    while (end > 0 && q == '"' && v.charAt(end - 1) == '\\') {
                        end = v.indexOf(q, end + 1);
                    }
                    v = end > 0 ? v.substring(1, end) : v.substring(1);
                    if (q == '"') {
                        v = v.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
                    }
                } else {
                    int hash = v.indexOf(" #");
                    if (hash >= 0) {
                        v = v.substring(0, hash).strip();
                    }
                }
                out.put(key, new Entry(key, v, n + 1));
            }
            return out;
        }
    }
}
