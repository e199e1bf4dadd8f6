package dev.composeguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Composes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.Docker;
import dev.composeguard.testsupport.GuardRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets (issue 7): a project whose secrets come from .env, an env_file, the shell and a literal in the compose
 * environment goes through every guard command and a real {@code up}/{@code backup}/{@code down -v}/{@code restore}
 * (deploy ledger, forced backup, manifest), plus broken variants (load errors); everything produced (stdout, stderr,
 * backup and ledger files, archive names and entry names) is searched for the secret values: none may appear. Every
 * file the guard wrote is 0600 and every directory 0700.
 */
@Tag("it")
class SecretsIT {
    static final List<String> SECRETS = List.of("Sup3rS3cret-envfile-7f3a", "mail-s3cret-41d0", "shell-s3cret-aa11",
            "tok-literal-9c2e");

    @TempDir
    Path dir;
    @TempDir
    Path tmp;
    String name = "cgit-secrets-" + UUID.randomUUID().toString().substring(0, 8);
    final StringBuilder produced = new StringBuilder();
    int runs;

    @AfterEach
    void cleanup() {
        Docker.removeProject(name);
        Docker.docker("volume", "rm", "-f", name + "_data");
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_GUARD_REAL_COMPOSE", Composes.v2Path());
        env.put("COMPOSE_GUARD_BACKUP_DIR", tmp.resolve("backups").toString());
        env.put("COMPOSE_GUARD_TTY", "/nonexistent-tty");
        env.put("SHELL_SECRET", "shell-s3cret-aa11");
        return env;
    }

    Path launcher;

    /** Through bin/compose-guard as a child process (compose runs in the project directory). */
    record Run(int exitCode, String out, String err) {
    }

    Run launch(Map<String, String> env, String... args) throws IOException {
        if (launcher == null) {
            launcher = dev.composeguard.testsupport.TestLauncher.install(tmp);
        }
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Cmd.Result r = Cmd.run(dir, env, cmd);
        runs++;
        produced.append(String.join(" ", args)).append('\n').append(r.stdout()).append('\n').append(r.stderr()).append('\n');
        return new Run(r.exitCode(), r.stdout(), r.stderr());
    }

    Run run(Map<String, String> env, String... args) {
        GuardRun r = GuardRun.in(dir, env, args);
        runs++;
        produced.append(String.join(" ", args)).append('\n').append(r.out).append('\n').append(r.err).append('\n');
        return new Run(r.exitCode, r.out, r.err);
    }

    void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
    }

    @Test
    void noSecretInAnythingTheGuardProducesAndEverythingIsOwnerOnly() throws Exception {
        // the compose it runs must not see the guard's test JVM environment either: only what we pass

        write(".env", "COMPOSE_PROJECT_NAME=" + name + "\nDB_PASSWORD=Sup3rS3cret-envfile-7f3a\n");
        write("secrets.env", "MAIL_PASS=mail-s3cret-41d0\n");
        write("docker-compose.yml", """
                version: "3.7"
                services:
                  app:
                    image: compose-guard-test/busybox:1
                    command: ["sleep", "3600"]
                    env_file: secrets.env
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                      SHELL_SECRET: ${SHELL_SECRET}
                      API_TOKEN: tok-literal-9c2e
                    volumes:
                      - data:/data
                volumes:
                  data: {}
                """);
        Map<String, String> env = env();
        // guard commands
        run(env, "lint");
        run(env, "lint", "--format", "json");
        run(env, "lint", "--format", "sarif");
        run(env, "explain");
        run(env, "explain", "--format", "json");
        run(env, "doctor");
        run(env, "doctor", "--format", "json");
        // a real deploy through the launcher-free path: up (ledger), a backup, then down -v with consent
        Cmd.Result up = Cmd.run(dir, Map.of("SHELL_SECRET", "shell-s3cret-aa11"),
                Composes.v2("up", "-d"));
        assertEquals(0, up.exitCode(), up.toString());
        Docker.docker("run", "--rm", "-v", name + "_data:/data", Docker.BUSYBOX, "sh", "-c", "echo rows > /data/t");
        Map<String, String> consent = new HashMap<>(env);
        consent.put("COMPOSE_GUARD_CONFIRM", name); // the pre-flight lint refuses the literal API_TOKEN (CG108)
        Run upGuarded = launch(consent, "up", "-d");
        assertEquals(0, upGuarded.exitCode(), upGuarded.toString());
        Run backup = launch(env, "backup");
        assertEquals(0, backup.exitCode(), backup.toString());
        run(env, "backups", "list");
        run(env, "backups", "list", "--format", "json");
        run(env, "backups", "verify");
        run(env, "backups", "check", "--max-age", "1h");
        Run refused = launch(env, "down", "-v");
        assertEquals(ExitCodes.REFUSED, refused.exitCode(), refused.toString());
        Map<String, String> yes = new HashMap<>(env);
        yes.put("COMPOSE_GUARD_CONFIRM", "wrong-" + name);
        launch(yes, "down", "-v");
        yes.put("COMPOSE_GUARD_CONFIRM", name);
        Run down = launch(yes, "down", "-v");
        assertEquals(0, down.exitCode(), down.toString());
        String newest = backupDirs().get(backupDirs().size() - 1).toString();
        run(env, "restore", newest, "--dry-run");
        // broken variants: every load error path. compose itself would print the offending value in its own error
        // (docker-compose 1.29 does), so here the "real compose" prints nothing: all output is the guard's.
        env.put("COMPOSE_GUARD_REAL_COMPOSE", "/bin/true");
        for (String[] broken : new String[][] {
                {".env", "DB_PASSWORD=\"Sup3rS3cret-envfile-7f3a\n"},
                {".env", "DB PASS=Sup3rS3cret-envfile-7f3a\n"},
                {".env", "DB_PASSWORD=Sup3rS3cret-envfile-7f3a${\n"},
                {"secrets.env", "MAIL_PASS=\"mail-s3cret-41d0\n"},
                {"docker-compose.yml", "services:\n  app:\n    image: x\n    environment:\n      API_TOKEN: tok-literal-9c2e${\n"},
                {"docker-compose.yml", "services:\n  app:\n    environment: [API_TOKEN=tok-literal-9c2e\n"},
                {"docker-compose.yml", "services:\n  app:\n    image: ${DB_PASSWORD:?$DB_PASSWORD}x\n"}}) {
            write(broken[0], broken[1]);
            run(env, "lint");
            run(env, "explain");
            launch(env, "down", "-v");
            launch(env, "up", "-d");
            Files.deleteIfExists(dir.resolve(".env"));
        }

        // everything on disk the guard wrote: names and contents (archives unpacked: entry names and data)
        List<Path> written;
        try (Stream<Path> s = Files.walk(tmp.resolve("backups"))) {
            written = s.toList();
        }
        assertFalse(written.isEmpty());
        for (Path p : written) {
            produced.append(p).append('\n');
            if (Files.isRegularFile(p)) {
                byte[] bytes = Files.readAllBytes(p);
                if (p.toString().endsWith(".gz") || p.toString().endsWith(".zst")) {
                    try (var in = dev.composeguard.backup.Compression.decompress(p)) {
                        bytes = in.readAllBytes();
                    }
                }
                produced.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            } else if (Files.isDirectory(p)) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            }
        }
        assertTrue(written.stream().anyMatch(p -> p.toString().contains("/ledger/")), "the ledger was written");
        assertTrue(written.stream().anyMatch(p -> p.getFileName().toString().equals("manifest.json")));
        String all = produced.toString();
        for (String secret : SECRETS) {
            int at = all.indexOf(secret);
            assertFalse(at >= 0, "secret " + secret.substring(0, 4) + "… appears in what the guard produced: …"
                    + all.substring(Math.max(0, at - 300), Math.min(all.length(), at + 100)).replace(secret, "<SECRET>"));
        }
        // the secrets really were in play: the container got them
        String inspect = Docker.docker("inspect", "--format", "{{.Config.Env}}", name + "-app-1").stdout();
        System.out.println("secrets scan: " + runs + " guard runs, " + written.size() + " files and directories, "
                + all.length() + " characters searched for " + SECRETS.size() + " secrets: none found"
                + (inspect.contains("tok-literal-9c2e") ? "" : " (container gone)"));
    }

    List<Path> backupDirs() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(tmp.resolve("backups"))) {
            s.filter(p -> Files.exists(p.resolve("manifest.json"))).sorted().forEach(out::add);
        }
        return out;
    }
}
