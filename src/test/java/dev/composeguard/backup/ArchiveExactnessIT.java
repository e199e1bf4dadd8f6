package dev.composeguard.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume holding every kind of entry and metadata (root 0700 owned by 999, FIFO, set-uid file with a hard link,
 * set-gid and sticky directories, symlinks, a sparse file, pre-1970 and sub-second times, user/trusted xattrs, ACLs
 * and default ACLs, a file capability) → backup → restore --to → the full metadata listing (stat, every xattr in
 * hex, hard-link groups, allocated blocks), root included, is identical entry by entry. Then the same archive
 * restored by hand with Debian's zstd and GNU tar (docs/DISASTER-RECOVERY.md).
 */
@Tag("it")
class ArchiveExactnessIT {
    static final String TOOLS = "compose-guard-test/tools:1";
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    @TempDir
    Path scripts;
    final String project = "cgit-archive-" + UUID.randomUUID().toString().substring(0, 8);
    final String volume = project + "_data";

    @BeforeEach
    void needsTools() throws Exception {
        Assumptions.assumeTrue(Docker.docker("image", "inspect", TOOLS).exitCode() == 0,
                TOOLS + " missing (src/test/docker/build-images.sh)");
        for (String s : new String[] {"fill.sh", "list.sh"}) {
            try (var in = getClass().getResourceAsStream("/archive/" + s)) {
                Files.write(scripts.resolve(s), in.readAllBytes());
            }
        }
    }

    @AfterEach
    void cleanup() {
        Docker.removeProject(project);
        Docker.docker("volume", "rm", "-f", volume, project + "_restored", project + "_manual");
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        env.put("COMPOSE_GUARD_TAR_IMAGE", TOOLS);
        return env;
    }

    Cmd.Result tools(String vol, boolean readOnly, String... cmd) {
        var argv = new java.util.ArrayList<>(java.util.List.of("run", "--rm", "--network", "none", "-v",
                vol + ":/v" + (readOnly ? ":ro" : ""), "-v", scripts + ":/s:ro", "-v", backups + ":/b:ro", TOOLS));
        argv.addAll(java.util.List.of(cmd));
        return Docker.docker(argv.toArray(new String[0]));
    }

    String listing(String vol) {
        Cmd.Result r = tools(vol, true, "bash", "/s/list.sh", "/v");
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout();
    }

    @Test
    void everyEntryComesBackExactly() throws Exception {
        Docker.docker("volume", "create", "--label", "com.docker.compose.project=" + project, "--label",
                "com.docker.compose.volume=data", volume);
        Cmd.Result fill = tools(volume, false, "sh", "/s/fill.sh");
        assertEquals(0, fill.exitCode(), fill.toString());
        String before = listing(volume);
        assertTrue(before.contains(".|directory|700|999|999|") && before.contains("fifo")
                && before.contains("system.posix_acl_default") && before.contains("security.capability")
                && before.contains("-315619200.000000000") && before.contains(".123456789"), before);

        GuardRun backup = GuardRun.in(dir, env(), "backup", "-p", project, "--no-dumps");
        assertEquals(0, backup.exitCode, backup.toString());
        Path b = Path.of(backup.out.trim());
        String manifest = Files.readString(b.resolve("manifest.json"));
        assertTrue(manifest.contains("\"format\" : \"tar.zst\"") && manifest.contains("\"reader\" : \"gnu-tar\""),
                manifest);

        GuardRun restore = GuardRun.in(dir, env(), "restore", b.getFileName().toString(), "--volume", volume,
                "--to", project + "_restored");
        assertEquals(0, restore.exitCode, restore.toString());
        assertEquals(before, listing(project + "_restored"));

        // docs/DISASTER-RECOVERY.md: Debian's zstd and GNU tar, no compose-guard
        Docker.docker("volume", "create", project + "_manual");
        Cmd.Result manual = tools(project + "_manual", false, "sh", "-c", "zstd -dc /b/" + b.getFileName()
                + "/volumes/" + volume + ".tar.zst | tar -x --xattrs --xattrs-include='*' --acls --numeric-owner -p"
                + " -f - -C /v");
        assertEquals(0, manual.exitCode(), manual.toString());
        assertEquals(before, listing(project + "_manual"));
    }
}
