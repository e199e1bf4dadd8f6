package dev.composeguard.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One volume a destructive call would remove (or detach, or recreate empty).
 *
 * @param volume        engine name
 * @param reason        why compose would remove it
 * @param driver        engine driver
 * @param labels        engine labels (kept for a faithful restore)
 * @param sizeBytes     the engine's size ({@code system df}), -1 when unknown
 * @param services      services whose containers use it (from the files and the engine)
 * @param note          a surprise worth showing (created by another project, not by compose …), or null
 * @param newestBackup  time of the newest verified backup before this call, or null
 */
public record PlanEntry(String volume, Reason reason, String driver, Map<String, String> labels, long sizeBytes,
        List<String> services, String note, Instant newestBackup) {

    public PlanEntry {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        services = List.copyOf(services);
    }

    public PlanEntry withSize(long size) {
        return new PlanEntry(volume, reason, driver, labels, size, services, note, newestBackup);
    }

    public PlanEntry withNewestBackup(Instant t) {
        return new PlanEntry(volume, reason, driver, labels, sizeBytes, services, note, t);
    }

    /** Why a volume is in the plan. */
    public enum Reason {
        /** {@code down -v}: a non-external volume of the project, removed by name with no ownership check. */
        DOWN_BY_NAME("removed by name (down -v)"),
        /** {@code -p X down -v} without files: every volume labelled with the project. */
        DOWN_BY_LABEL("labelled with the project (down -v without -f)"),
        /** An anonymous volume of a container that compose removes with its volumes. */
        ANONYMOUS("anonymous volume of a removed container"),
        /** {@code up -V}: the anonymous volume is replaced by a new empty one (the old one is left dangling). */
        RENEWED("replaced by a new empty anonymous volume (up -V)"),
        /** {@code up -y} (compose 2.32+): the configuration differs, compose deletes and recreates it empty. */
        RECREATED("configuration differs; deleted and recreated empty (-y)"),
        /** {@code up --force-recreate}: a stateful container whose data is not on a persistent volume. */
        CONTAINER_DATA("data in the container, lost when it is recreated");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
