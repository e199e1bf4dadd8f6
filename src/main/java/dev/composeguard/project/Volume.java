package dev.composeguard.project;

import java.util.Map;

/**
 * A top-level volume and the engine name it resolves to.
 *
 * @param key          the key under {@code volumes:}
 * @param engineName   the name in the Docker Engine: {@code name:} if set, else the key if external, else
 *                     {@code <project>_<key>}
 * @param explicitName true when {@code name:} is set (the name survives a project rename)
 * @param external     {@code external: true}
 * @param driver       {@code driver:}, or null (local)
 * @param labels       {@code labels:}
 * @param source       where the volume is declared (NONE if only referenced)
 */
public record Volume(String key, String engineName, boolean explicitName, boolean external, String driver,
        Map<String, String> labels, Source source) {
    public Volume {
        labels = Map.copyOf(labels);
    }
}
