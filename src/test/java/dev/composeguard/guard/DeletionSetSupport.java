package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What compose really deletes (issue 11, rows 3-9), on the real engine with the real compose releases the rows name.
 * Each row: without consent the guard refuses and nothing changes; with consent every volume (or container data
 * directory) compose then removes is in the verified backup.
 */

abstract class DeletionSetSupport {
    static final String V240 = "/opt/compose-ci/2.40.3/docker-compose";
    static final String V226 = "/opt/compose-ci/2.26.1/docker-compose";
    static final String V129 = "/opt/compose-ci/1.29.2/docker-compose";

    @TempDir
    Path dir;
    @TempDir
    Path backups;
    @TempDir
    Path cache;
    String name;
    final List<String> extraVolumes = new ArrayList<>();

    @BeforeEach
    void name() {
        name = "cgit-plan-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void cleanUp() {
        Docker.removeProject(name);
        for (String v : extraVolumes) {
            Docker.docker("volume", "rm", "-f", v);
        }
    }

    static void assumeCompose(String binary) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is not installed");
    }

    void write(String compose) throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), compose);
    }

    /** The real compose, straight (no guard). */
    Cmd.Result compose(String binary, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary, "-f", dir.resolve("compose.yaml").toString(), "-p", name));
        cmd.addAll(List.of(args));
        Cmd.Result r = Cmd.run(dir, Map.of(), cmd, new byte[0], 120);
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    Map<String, String> env(String binary, String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", binary);
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_TTY", "/nonexistent-tty");
        env.put("XDG_CACHE_HOME", cache.toString());
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    GuardRun guard(Map<String, String> env, String... argv) {
        return GuardRun.in(dir, env, argv);
    }

    /** Volumes whose name contains {@code part}. */
    static Set<String> volumes(String part) {
        Set<String> out = new TreeSet<>();
        for (String v : Docker.docker("volume", "ls", "-q").stdout().split("\\s+")) {
            if (!v.isEmpty() && v.contains(part)) {
                out.add(v);
            }
        }
        return out;
    }

    /** Volume names in every backup taken. */
    Set<String> backedUp() {
        Set<String> out = new TreeSet<>();
        for (var b : new BackupStore(backups).list()) {
            assertTrue(b.manifest().verified);
            for (Manifest.VolumeArchive a : b.manifest().volumes) {
                out.add(a.name != null ? a.name : a.container + ":" + a.path);
            }
        }
        return out;
    }

    /** Refused without consent, nothing changed, no backup; the refusal names every expected volume. */
    void refusedNaming(GuardRun g, Set<String> before, String part, String... named) {
        assertEquals(ExitCodes.REFUSED, g.exitCode, g.toString());
        for (String n : named) {
            assertTrue(g.err.contains(n), n + " not in the plan:\n" + g);
        }
        assertEquals(before, volumes(part), g.toString());
        assertTrue(new BackupStore(backups).list().isEmpty());
    }

    /** Every volume that compose removed is in the backup. */
    void everythingRemovedWasBackedUp(Set<String> before, String part, GuardRun g) {
        Set<String> gone = new TreeSet<>(before);
        gone.removeAll(volumes(part));
        assertFalse(gone.isEmpty(), "compose removed nothing: the row did not reproduce\n" + g);
        assertTrue(backedUp().containsAll(gone), "removed " + gone + ", backed up " + backedUp() + "\n" + g);
    }

    static void fill(String volume) {
        Cmd.Result r = Docker.docker("run", "--rm", "--network", "none", "-v", volume + ":/v", Docker.BUSYBOX, "sh", "-c",
                "echo precious > /v/rows");
        assertEquals(0, r.exitCode(), r.toString());
    }
}
