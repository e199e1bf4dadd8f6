package dev.composeguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.core.CallContext;
import dev.composeguard.cli.GuardCli;
import dev.composeguard.invocation.InvocationParser;
import dev.composeguard.testsupport.Cmd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shell completions (completions/): bash is exercised for real with a stand-in compose-guard on PATH; zsh and fish
 * are syntax-checked where installed; all three must know every guard command.
 */
class CompletionsTest {

    @TempDir
    Path tmp;

    private Path bin;

    @BeforeEach
    void fakeGuard() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        Path fake = bin.resolve("compose-guard");
        // `CMD --help` prints a picocli-style usage; `[flags] config --services` prints services and logs its argv.
        Files.writeString(fake, """
                #!/bin/bash
                printf '%s\\n' "$*" >> "$FAKE_LOG"
                for a in "$@"; do
                  if [ "$a" = --help ]; then
                    printf 'Usage: compose-guard %s [-hV] [--format=FORMAT]\\n  -f, --file=FILE  Compose file.\\n      --fail-on=SEVERITY\\n' "$1"
                    exit 0
                  fi
                done
                [ "${*: -2}" = "config --services" ] && printf 'web\\ndb\\nworker\\n'
                exit 0
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Completes the words (the last one being completed) with completions/compose-guard.bash; returns COMPREPLY. */
    private List<String> bash(String... words) {
        StringBuilder arr = new StringBuilder();
        for (String w : words) {
            arr.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        String script = "source '" + Path.of("completions/compose-guard.bash").toAbsolutePath() + "'\n"
                + "COMP_WORDS=(" + arr + ")\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n_compose_guard\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Cmd.Result r = Cmd.run(tmp, Map.of("PATH", bin + ":/usr/bin:/bin", "FAKE_LOG", tmp.resolve("log").toString()),
                List.of("bash", "--norc", "-c", script), null, 30);
        assertEquals(0, r.exitCode(), r.toString());
        return r.stdout().lines().filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void bashCommandsGlobalsAndValues() {
        assertEquals(List.of("lint", "logs", "ls"), bash("compose-guard", "l"));
        assertEquals(List.of("--project-name", "--project-directory", "--profile", "--progress"),
                bash("compose-guard", "--pr"));
        assertEquals(List.of("never", "always", "auto"), bash("compose-guard", "--ansi", ""));
        assertEquals(List.of("prune"), bash("compose-guard", "backups", "pr"));
        assertEquals(List.of("--volumes"), bash("compose-guard", "down", "--v"));
    }

    @Test
    void bashGuardOptionsComeFromHelp() throws IOException {
        assertEquals(List.of("--fail-on", "--file", "--format"), bash("compose-guard", "lint", "--f"));
        assertTrue(Files.readString(tmp.resolve("log")).contains("lint --help"));
    }

    @Test
    void bashServicesFromConfigWithTheTypedFlags() throws IOException {
        assertEquals(List.of("web", "worker"), bash("compose-guard", "-f", "a.yml", "-p", "x", "logs", "w"));
        assertEquals("-f a.yml -p x config --services", Files.readString(tmp.resolve("log")).strip());
        // exec: the service first, then the container's command (no services there)
        assertEquals(List.of("db"), bash("compose-guard", "exec", "d"));
        assertEquals(List.of(), bash("compose-guard", "exec", "db", "d"));
    }

    @Test
    void everyGuardCommandIsInEveryCompletionAndTheManPage() throws IOException {
        CallContext ctx = new CallContext(InvocationParser.parse(List.of("--guard-help"), Map.of()), Map.of(), tmp,
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), List.of());
        for (String file : List.of("completions/compose-guard.bash", "completions/_compose-guard",
                "completions/compose-guard.fish", "docs/man/compose-guard.1")) {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            for (String cmd : GuardCli.commandLine(ctx).getSubcommands().keySet()) {
                assertTrue(text.matches("(?s).*\\b" + cmd + "\\b.*"), file + " does not know '" + cmd + "'");
            }
        }
    }

    @Test
    void zshAndFishParse() {
        for (List<String> check : List.of(List.of("zsh", "-n", "completions/_compose-guard"),
                List.of("fish", "-n", "completions/compose-guard.fish"))) {
            boolean present = Files.isExecutable(Path.of("/usr/bin", check.get(0)))
                    || Files.isExecutable(Path.of("/bin", check.get(0)));
            assumeTrue(present, check.get(0) + " is not installed");
            Cmd.Result r = Cmd.run(null, Map.of(), check, null, 30);
            assertEquals(0, r.exitCode(), r.toString());
        }
    }
}
