package dev.composeguard.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher ({@code bin/compose-guard}) with a real JVM: {@code up} gets the {@code run} verdict, compose
 * runs as the launcher's child, and the re-invoked guard ({@code COMPOSE_GUARD_POST_RC}) writes the ledger.
 */
@Tag("it")
class LauncherLedgerIT {
    static final String NAME = "cgit-drift-launcher";

    @TempDir
    Path tmp;

    Path dir;

    @AfterEach
    void clean() {
        if (dir != null) {
            Cmd.run(dir, Map.of(), List.of(Composes.v2Path(), "-p", NAME, "down", "-v", "-t", "0"));
        }
        Docker.removeProject(NAME);
    }

    @Test
    void upThroughTheLauncherIsRecordedAfterComposeExits() throws Exception {
        Path launcher = dev.composeguard.testsupport.TestLauncher.install(tmp);
        dir = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  db:\n    image: " + Docker.BUSYBOX
                + "\n    command: [\"sh\", \"-c\", \"echo 1 > /data/x; sleep 3600\"]\n    stop_signal: SIGKILL\n"
                + "    volumes:\n      - data:/data\nvolumes:\n  data:\n");
        Map<String, String> env = Map.of("COMPOSE_GUARD_LEDGER_DIR", tmp.resolve("ledger").toString(),
                "XDG_CACHE_HOME", tmp.resolve("cache").toString(), "COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path());
        Cmd.Result up = Cmd.run(dir, env, List.of(launcher.toString(), "-p", NAME, "up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        LedgerStore store = new LedgerStore(tmp.resolve("ledger"));
        var records = store.read(dir);
        assertEquals(1, records.size(), up.toString());
        assertEquals(NAME, records.get(0).get("project"));
        assertTrue(String.valueOf(records.get(0).get("composeVersion")).startsWith("2."), records.toString());
        assertEquals("", up.stdout(), "the guard wrote on stdout");

        // compose failing (an unknown service) is not a deploy
        Cmd.Result failed = Cmd.run(dir, env, List.of(launcher.toString(), "-p", NAME, "up", "-d", "nosuchservice"));
        assertTrue(failed.exitCode() != 0, failed.toString());
        assertEquals(1, store.read(dir).size());

        // the rename is refused by the launcher too, and nothing is created
        Files.writeString(dir.resolve(".env"), "COMPOSE_PROJECT_NAME=" + NAME + "-prod\n");
        Cmd.Result renamed = Cmd.run(dir, env, List.of(launcher.toString(), "up", "-d"));
        assertEquals(ExitCodes.REFUSED, renamed.exitCode(), renamed.toString());
        assertTrue(renamed.stderr().contains("CG201"), renamed.stderr());
        assertFalse(Docker.volumeExists(NAME + "-prod_data"));
        assertEquals(1, store.read(dir).size());
    }

}
