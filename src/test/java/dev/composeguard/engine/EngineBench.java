package dev.composeguard.engine;

import java.util.Map;

/**
 * Measures what the checks before up cost with each engine client in a fresh JVM (run by hand:
 * {@code java -cp target/classes:target/test-classes:<deps> dev.composeguard.engine.EngineBench raw|docker-java}).
 */
public final class EngineBench {
    private EngineBench() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        EngineTarget target = EngineResolver.v2(dev.composeguard.invocation.EngineFlags.NONE, System.getenv(),
                java.nio.file.Path.of("").toAbsolutePath());
        EngineReads e = args.length > 0 && args[0].equals("docker-java") ? Engines.connect(target)
                : Engines.connectReads(target);
        long t1 = System.nanoTime();
        int n = e.volumes(Map.of()).size();
        n += e.containers(true, Map.of("com.docker.compose.project", "cgit-drift-bench")).size();
        n += e.containers(true, Map.of("com.docker.compose.project.working_dir", "/nonexistent")).size();
        long t2 = System.nanoTime();
        e.close();
        System.out.printf("%s: connect %d ms, volumes+2 container queries %d ms, total %d ms (%d items)%n",
                args.length > 0 ? args[0] : "raw", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000, n);
    }
}
