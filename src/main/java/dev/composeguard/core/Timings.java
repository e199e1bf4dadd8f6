package dev.composeguard.core;

/**
 * Phase timings on stderr when {@code COMPOSE_GUARD_TIMINGS=1}: of a backup or restore (how that pipeline was tuned,
 * docs/BACKUP.md "Speed") and of loading and linting a project (docs/PERFORMANCE.md). Each line: the phase just
 * ended, its milliseconds, and the time since the JVM started. Off by default; costs one environment lookup.
 */
public final class Timings {
    private static final boolean ON = "1".equals(System.getenv("COMPOSE_GUARD_TIMINGS"));
    private static long last = System.nanoTime();
    private static boolean first = true;

    private Timings() {
    }

    public static boolean on() {
        return ON;
    }

    /** Ends the phase {@code name} (it began at the previous mark, or at the JVM's start for the first one). */
    public static synchronized void mark(String name) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        // the JVM's own uptime (the process start time from /proc has whole-second precision)
        long sinceStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long ms = first ? sinceStart : (now - last) / 1_000_000;
        first = false;
        last = now;
        System.err.printf("compose-guard: timing: %-40s %6d ms  (at %d ms)%n", name, ms, sinceStart);
    }
}
