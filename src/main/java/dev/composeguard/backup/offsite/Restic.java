package dev.composeguard.backup.offsite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.core.GuardException;
import dev.composeguard.core.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The real {@code restic}, run as a child process. Its configuration reaches it only through the environment
 * (restic's own variables, passed unchanged); arguments are snapshot ids, tags, paths and flags, never a secret.
 * Every failure becomes one line (restic's own {@code Fatal:} reason, redacted) and an exit code: the repository
 * cannot be reached or opened, or the password is wrong: {@link ExitCodes#REPOSITORY_UNAVAILABLE}.
 */
public final class Restic {
    /** Every snapshot the guard makes carries this tag; listings and retention only ever see those. */
    public static final String TAG = "compose-guard";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final ResticConfig config;
    private final String binary;

    public Restic(ResticConfig config) {
        if (!config.configured()) {
            throw new GuardException(ExitCodes.USAGE, "no restic repository configured (set RESTIC_REPOSITORY or "
                    + "RESTIC_REPOSITORY_FILE, and RESTIC_PASSWORD_FILE)");
        }
        if (!config.hasPassword()) {
            throw new GuardException(ExitCodes.USAGE, "the restic repository has no password configured (set "
                    + "RESTIC_PASSWORD_FILE, RESTIC_PASSWORD_COMMAND or RESTIC_PASSWORD)");
        }
        this.config = config;
        this.binary = config.binary();
        if (binary == null) {
            throw new GuardException(ExitCodes.REPOSITORY_UNAVAILABLE, "restic is not installed (Debian: apt-get "
                    + "install restic; or set COMPOSE_GUARD_RESTIC to its path)");
        }
    }

    public ResticConfig config() {
        return config;
    }

    /** Every snapshot made by the guard, oldest first. */
    public List<RemoteSnapshot> snapshots() {
        JsonNode arr = json(run(List.of("snapshots", "--json", "--tag", TAG)).stdout);
        List<RemoteSnapshot> out = new ArrayList<>();
        for (JsonNode n : arr) {
            out.add(RemoteSnapshot.of(n));
        }
        out.sort((a, b) -> a.time().compareTo(b.time()));
        return out;
    }

    /** Backs up one directory as one snapshot; returns the snapshot id. */
    public String backup(Path dir, String host, Instant time, List<String> tags) {
        List<String> args = new ArrayList<>(List.of("backup", "--json", "--host", host, "--time", TIME.format(time)));
        args.add("--tag");
        args.add(String.join(",", tags));
        args.add(dir.toAbsolutePath().toString());
        Result r = run(args);
        for (String line : r.stdout.split("\n")) {
            if (line.contains("\"summary\"")) {
                JsonNode n = json(line);
                if (n.hasNonNull("snapshot_id")) {
                    return n.get("snapshot_id").asText();
                }
            }
        }
        throw new GuardException(ExitCodes.REPOSITORY_UNAVAILABLE, "restic backup of " + dir.getFileName()
                + " reported no snapshot");
    }

    /** The regular files of a snapshot: path → size. */
    public Map<String, Long> files(String snapshot) {
        Map<String, Long> out = new HashMap<>();
        for (String line : run(List.of("ls", "--json", snapshot)).stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json(line);
            if ("node".equals(n.path("struct_type").asText()) && "file".equals(n.path("type").asText())) {
                out.put(n.path("path").asText(), n.path("size").asLong());
            }
        }
        return out;
    }

    /** {@code restic check}: the repository's structure (index, packs, trees) is sound. */
    public void check() {
        run(List.of("check"));
    }

    /** Restores a snapshot below {@code target} (its original absolute paths are recreated there). */
    public void restore(String snapshot, Path target) {
        run(List.of("restore", snapshot, "--target", target.toAbsolutePath().toString()));
    }

    /** Forgets the given snapshots and prunes the data only they used. */
    public void forgetAndPrune(List<String> snapshotIds) {
        List<String> args = new ArrayList<>(List.of("forget", "--prune"));
        args.addAll(snapshotIds);
        run(args);
    }

    private record Result(String stdout, String stderr) {
    }

    private Result run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(config.env());
        pb.environment().put("TZ", "UTC"); // --time is read in the local zone
        try {
            Process p = pb.start();
            p.getOutputStream().close(); // never a password prompt
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            int rc = p.waitFor();
            Result r = new Result(out.join(), err.join());
            if (rc != 0) {
                throw failure(args.get(0), rc, r.stderr);
            }
            return r;
        } catch (IOException e) {
            throw new GuardException(ExitCodes.REPOSITORY_UNAVAILABLE, "cannot run restic: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuardException(ExitCodes.INTERRUPTED, "interrupted while restic was running");
        }
    }

    /** One line for a failed restic call; the reason comes from restic's last Fatal line, redacted. */
    GuardException failure(String action, int rc, String stderr) {
        String reason = reasonOf(stderr);
        String lower = stderr.toLowerCase(Locale.ROOT);
        String what;
        if (lower.contains("wrong password") || lower.contains("no key found")) {
            what = "wrong password for the restic repository";
        } else if (lower.contains("unable to open config file") || lower.contains("repository does not exist")
                || lower.contains("connection refused") || lower.contains("no such host") || lower.contains("dial tcp")
                || lower.contains("timeout") || lower.contains("unable to open repository")) {
            what = "restic repository unreachable or not initialised";
        } else {
            what = "restic " + action + " failed (exit " + rc + ")";
        }
        return new GuardException(ExitCodes.REPOSITORY_UNAVAILABLE, what + (reason.isEmpty() ? "" : ": " + reason));
    }

    static String reasonOf(String stderr) {
        String last = "";
        for (String line : stderr.split("\n")) {
            String t = line.strip();
            if (t.startsWith("Fatal:")) {
                return t.substring("Fatal:".length()).strip();
            }
            if (!t.isEmpty()) {
                last = t;
            }
        }
        return last;
    }

    private String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return config.redact(buf.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode json(String s) {
        try {
            return JsonCodec.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new GuardException(ExitCodes.REPOSITORY_UNAVAILABLE, "unreadable answer from restic: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
