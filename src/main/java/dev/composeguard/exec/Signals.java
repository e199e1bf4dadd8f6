package dev.composeguard.exec;

/**
 * Signal handling while the JVM waits for a child compose. SIGINT reaches compose directly (same foreground
 * process group), so the JVM ignores it and lets compose decide; SIGTERM and SIGHUP, which are sent to the JVM
 * alone, are forwarded.
 */
final class Signals {
    private Signals() {
    }

    @SuppressWarnings("restriction")
    static void forwardTo(Process p) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> { });
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> p.destroy());
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> p.destroy());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // Platform without these signals: default handling.
        }
    }
}
