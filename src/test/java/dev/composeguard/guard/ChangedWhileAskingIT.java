package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 row 8: the compose file is edited while the question waits (on a real pseudo-terminal). After the answer
 * the guard re-loads and re-plans: the new file would delete a volume nobody saw, so nothing is deleted.
 */
@Tag("it")
class ChangedWhileAskingIT extends DeletionSetSupport {
    /** Runs argv on a pty; once the plan's last line is shown, runs the edit, then types the answer. */
    static final String DRIVER = """
            import os, pty, select, subprocess, sys, time
            answer, edit, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
            pid, fd = pty.fork()
            if pid == 0:
                os.execvp(argv[0], argv)
            buf = b''
            deadline = time.time() + 240
            while b'Verified backup:' not in buf and time.time() < deadline:
                r, _, _ = select.select([fd], [], [], 1)
                if r:
                    try:
                        data = os.read(fd, 4096)
                    except OSError:
                        break
                    if not data:
                        break
                    buf += data
            subprocess.run(['sh', '-c', edit], check=True)
            time.sleep(2)
            os.write(fd, answer.encode() + b'\\n')
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

    static final String ONE = """
            services:
              a:
                image: compose-guard-test/busybox:1
                volumes: [adata:/a]
            volumes:
              adata: {}
            """;

    @Test
    void anEditDuringTheQuestionStopsTheCallWithNothingDeleted() throws Exception {
        assumeCompose(V240);
        write(ONE);
        Path two = dir.resolve("two.yaml");
        Files.writeString(two, ONE.replace("volumes: [adata:/a]", "volumes: [adata:/a, bdata:/b]") + "  bdata: {}\n");
        for (String key : List.of("adata", "bdata")) {
            assertEquals(0, Docker.docker("volume", "create", "--label", "com.docker.compose.project=" + name,
                    "--label", "com.docker.compose.volume=" + key, name + "_" + key).exitCode());
        }
        Set<String> before = volumes(name);
        Path driver = dir.resolve("type_on_terminal.py");
        Files.writeString(driver, DRIVER);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> env = Map.of("COMPOSE_GUARD_REAL_COMPOSE", V240, "COMPOSE_GUARD_BACKUP_DIR",
                backups.toString(), "XDG_CACHE_HOME", cache.toString());
        Cmd.Result r = Cmd.run(dir, env, List.of("python3", driver.toString(), name,
                "cp " + two + " " + dir.resolve("compose.yaml"), java, "-cp", System.getProperty("java.class.path"),
                "dev.composeguard.Main", "-p", name, "-f", dir.resolve("compose.yaml").toString(), "down", "-v"),
                null, 300);
        assertEquals(ExitCodes.REFUSED, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("changed while the question waited"), r.toString());
        assertEquals(before, volumes(name), "nothing was deleted");
    }
}
