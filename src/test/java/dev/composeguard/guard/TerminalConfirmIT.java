package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed confirmation on a real pseudo-terminal (python3 pty): the project name proceeds, anything else stops. */
@Tag("it")
class TerminalConfirmIT {
    @TempDir
    Path dir;
    @TempDir
    Path backups;
    String name;
    String volume;
    Path driver;

    static final String DRIVER = """
            import os, pty, select, sys, time
            answer, argv = sys.argv[1], sys.argv[2:]
            pid, fd = pty.fork()
            if pid == 0:
                os.execvp(argv[0], argv)
            buf = b''
            deadline = time.time() + 180
            while b'to proceed' not in buf and time.time() < deadline:
                r, _, _ = select.select([fd], [], [], 1)
                if r:
                    try:
                        data = os.read(fd, 4096)
                    except OSError:
                        break
                    if not data:
                        break
                    buf += data
            os.write(fd, b'\\x03' if answer == '^C' else answer.encode() + b'\\n')
            while True:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                buf += data
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(buf.decode('utf-8', 'replace'))
            sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
            """;

    @BeforeEach
    void up() throws Exception {
        name = "cgit-backup-" + UUID.randomUUID().toString().substring(0, 8);
        volume = name + "_data";
        Files.writeString(dir.resolve("docker-compose.yml"), DownVolumesIT.COMPOSE);
        Cmd.Result r = Cmd.run(dir, Map.of(), Composes.v2("-p", name, "up", "-d"));
        assertEquals(0, r.exitCode(), r.toString());
        DownVolumesIT.fill(volume);
        driver = dir.resolve("type_on_terminal.py");
        Files.writeString(driver, DRIVER);
    }

    @AfterEach
    void down() {
        Docker.removeProject(name);
        Docker.docker("volume", "rm", "-f", volume);
    }

    Cmd.Result typeing(String answer) {
        Map<String, String> env = Map.of("COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path(),
                "COMPOSE_GUARD_BACKUP_DIR", backups.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Cmd.run(dir, env, List.of("python3", driver.toString(), answer, java, "-cp",
                System.getProperty("java.class.path"), "dev.composeguard.Main", "-f",
                dir.resolve("docker-compose.yml").toString(), "-p", name, "down", "-v"), null, 240);
    }

    @Test
    void wrongWordAndCtrlCAbortTheProjectNameProceeds() {
        String before = GuardHarness.snapshot(volume);
        Cmd.Result wrong = typeing("yes");
        assertEquals(ExitCodes.REFUSED, wrong.exitCode(), wrong.toString());
        // app writes to the volume and down stops it anyway: the question comes first, the copy after (StopFirst)
        assertTrue(wrong.stdout().contains(volume) && wrong.stdout().contains("stopped (compose stops them anyway)"),
                wrong.toString());
        assertTrue((wrong.stdout() + wrong.stderr()).contains("nothing was deleted"), wrong.toString());
        assertTrue(Docker.volumeExists(volume));

        Cmd.Result ctrlC = typeing("^C");
        assertNotEquals(0, ctrlC.exitCode(), ctrlC.toString());
        assertTrue(Docker.volumeExists(volume));
        assertEquals(before, GuardHarness.snapshot(volume));

        Cmd.Result yes = typeing(name);
        assertEquals(0, yes.exitCode(), yes.toString());
        assertFalse(Docker.volumeExists(volume), yes.toString());
    }
}
