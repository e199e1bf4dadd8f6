package dev.composeguard.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command on a real pseudo-terminal (python3's pty, 100x30) and plays a script at it, as a person would:
 * {@code send:TEXT} types (escapes: {@code \n}, {@code \x03} Ctrl-C, {@code \x04} Ctrl-D), {@code wait:TEXT} waits up
 * to 120 s for TEXT on the screen, {@code sleep:S} watches for S seconds. The result's stdout is everything the
 * terminal showed (stdout and stderr of the command together, with the pty's CR LF).
 */
public final class Pty {
    static final String DRIVER = """
            import fcntl, os, pty, select, struct, sys, termios, time
            i = sys.argv.index('--')
            steps, stdin_null, argv = sys.argv[1:i], sys.argv[i + 1] == 'stdin-null', sys.argv[i + 2:]
            pid, fd = pty.fork()
            if pid == 0:
                if stdin_null:
                    n = os.open('/dev/null', os.O_RDONLY)
                    os.dup2(n, 0)
                os.execvp(argv[0], argv)
            fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 30, 100, 0, 0))
            buf = b''
            def pump(until, timeout):
                global buf
                end = time.time() + timeout
                while time.time() < end and (until is None or until not in buf):
                    r, _, _ = select.select([fd], [], [], 0.1)
                    if r:
                        try:
                            d = os.read(fd, 4096)
                        except OSError:
                            return
                        if not d:
                            return
                        buf += d
            for s in steps:
                k, v = s.split(':', 1)
                v = v.encode().decode('unicode_escape')
                if k == 'wait':
                    pump(v.encode(), 120)
                elif k == 'send':
                    os.write(fd, v.encode())
                elif k == 'sleep':
                    pump(None, float(v))
            while True:
                try:
                    d = os.read(fd, 4096)
                except OSError:
                    break
                if not d:
                    break
                buf += d
            _, st = os.waitpid(pid, 0)
            sys.stdout.write(buf.decode('utf-8', 'replace'))
            sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128 + os.WTERMSIG(st))
            """;

    private Pty() {
    }

    /** True when python3 (and so a pty) is available here; tests skip otherwise. */
    public static boolean available() {
        try {
            return Cmd.run(null, Map.of(), List.of("python3", "-c", "import pty")).exitCode() == 0;
        } catch (RuntimeException | AssertionError e) {
            return false;
        }
    }

    /**
     * Runs {@code command} in {@code dir} on a pty, playing {@code script}; {@code stdinNull}: the command's stdin is
     * /dev/null instead of the terminal (like {@code -f -}), the terminal stays its controlling terminal.
     */
    public static Cmd.Result run(Path dir, Map<String, String> env, List<String> script, boolean stdinNull,
            List<String> command) throws IOException {
        Path driver = Files.createTempFile("cg-pty", ".py");
        try {
            Files.writeString(driver, DRIVER);
            List<String> argv = new ArrayList<>(List.of("python3", driver.toString()));
            argv.addAll(script);
            argv.add("--");
            argv.add(stdinNull ? "stdin-null" : "stdin-tty");
            argv.addAll(command);
            return Cmd.run(dir, env, argv, null, 300);
        } finally {
            Files.deleteIfExists(driver);
        }
    }

    /** The java command line that runs {@code mainClass} with this test JVM's class path. */
    public static List<String> java(String mainClass, String... args) {
        String cp = System.getProperty("surefire.test.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
