package dev.composeguard.project;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project environment used for interpolation: shell first, then {@code .env} or the {@code --env-file}s.
 * Values may be secrets: this type never prints them.
 *
 * @param values  name → value
 * @param origins name → where the winning value was set ({@link Source#NONE} for the shell environment)
 */
public record Environment(Map<String, String> values, Map<String, Source> origins) {

    public static final Environment EMPTY = new Environment(Map.of(), Map.of());

    public Environment {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    public String get(String name) {
        return values.get(name);
    }

    /** The values set by an env file (.env, --env-file) rather than the shell; they are never recorded. */
    public java.util.List<String> envFileValues() {
        java.util.List<String> out = new java.util.ArrayList<>();
        values.forEach((k, v) -> {
            if (v != null && !origin(k).equals(Source.NONE)) {
                out.add(v);
            }
        });
        return out;
    }

    public Source origin(String name) {
        return origins.getOrDefault(name, Source.NONE);
    }

    @Override
    public String toString() {
        return "Environment[" + values.size() + " variables]";
    }
}
