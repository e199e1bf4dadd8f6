package dev.composeguard.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last recorded deploy of a project directory, as the deploy ledger stores it (ledger.DeployRecord), read
 * leniently: a missing or mistyped field reads as empty, so an old or hand-edited record never crashes a check.
 */
public final class LastDeploy {
    public static final LastDeploy NONE = new LastDeploy(Map.of());

    private final Map<String, Object> record;

    private LastDeploy(Map<String, Object> record) {
        this.record = record;
    }

    /** The record as read from the ledger, or {@link #NONE} for null. */
    public static LastDeploy of(Map<String, Object> record) {
        return record == null || record.isEmpty() ? NONE : new LastDeploy(Map.copyOf(nonNull(record)));
    }

    public boolean isEmpty() {
        return record.isEmpty();
    }

    /** When it was deployed, as recorded. */
    public String time() {
        return str(record, "time");
    }

    /** The project name it was deployed under. */
    public String project() {
        return str(record, "project");
    }

    /** The env files it read ({@code path}, {@code role}, {@code exists}). */
    public List<Map<String, Object>> envFiles() {
        return objs(record, "envFiles");
    }

    /** The override files it loaded (absolute paths). */
    public List<String> overrides() {
        List<String> out = new ArrayList<>();
        if (record.get("overrides") instanceof List<?> l) {
            l.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }

    /** Its data mounts ({@code service}, {@code target}, {@code type}, {@code engineName}, {@code hostPath}). */
    public List<Map<String, Object>> mounts() {
        return objs(record, "mounts");
    }

    /** The salted hashes of the init credentials of {@code service}, by key. */
    public Map<String, Object> credentials(String service) {
        return obj(obj(record, "credentials"), service);
    }

    /** A string field of one of this record's objects, or null. */
    public static String str(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objs(Map<String, Object> m, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (m.get(key) instanceof List<?> l) {
            l.stream().filter(Map.class::isInstance).map(o -> (Map<String, Object>) o).forEach(out::add);
        }
        return out;
    }

    private static Map<String, Object> nonNull(Map<String, Object> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
