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
 * @param driverOpts   {@code driver_opts:} (part of compose's volume config hash)
 */
public record Volume(String key, String engineName, boolean explicitName, boolean external, String driver,
        Map<String, String> labels, Source source, Map<String, String> driverOpts) {
    public Volume {
        labels = Map.copyOf(labels);
        driverOpts = Map.copyOf(driverOpts);
    }

    /** A volume without {@code driver_opts}. */
    public Volume(String key, String engineName, boolean explicitName, boolean external, String driver,
            Map<String, String> labels, Source source) {
        this(key, engineName, explicitName, external, driver, labels, source, Map.of());
    }
}
