package dev.composeguard.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.composeguard.core.JsonCodec;
import dev.composeguard.backup.AtomicFile;
import dev.composeguard.backup.BackupStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the last pushes of a project did, kept next to the backups in {@code .offsite/<project>.json} (0600): when
 * the last attempt ran, whether it failed and why (one redacted line), and which backup went into which snapshot
 * when. {@code backups check} and the metrics read it without asking the repository, so a failed push stays
 * visible until a push succeeds. Never holds a secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class PushState {
    public static final String DIR = ".offsite";

    public String lastAttempt;
    public String lastSuccess;
    /** Null after a successful push. */
    public String lastError;
    public Map<String, Pushed> pushed = new TreeMap<>();

    /** One backup in the repository. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Pushed {
        public String snapshot;
        public String at;
    }

    static Path file(Path root, String project) {
        return root.resolve(DIR).resolve(project + ".json");
    }

    /** The state of a project; empty when none was recorded (or it cannot be read). */
    public static PushState read(Path root, String project) {
        Path f = file(root, project);
        if (!Files.isRegularFile(f)) {
            return new PushState();
        }
        try {
            return JsonCodec.MAPPER.readValue(f.toFile(), PushState.class);
        } catch (IOException e) {
            PushState s = new PushState();
            s.lastError = "unreadable push state " + f;
            return s;
        }
    }

    /** Every project with a recorded push state. */
    public static List<String> projects(Path root) {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(root.resolve(DIR))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    public boolean failed() {
        return lastError != null;
    }

    /** Time of the newest push of the given backup, or null. */
    public Instant pushedAt(String backupId) {
        Pushed p = pushed.get(backupId);
        return p == null || p.at == null ? null : Instant.parse(p.at);
    }

    public void recordSuccess(Instant now) {
        lastAttempt = now.toString();
        lastSuccess = now.toString();
        lastError = null;
    }

    public void recordFailure(Instant now, String error) {
        lastAttempt = now.toString();
        lastError = error;
    }

    public void recordPushed(String backupId, String snapshot, Instant at) {
        Pushed p = new Pushed();
        p.snapshot = snapshot;
        p.at = at.toString();
        pushed.put(backupId, p);
    }

    /** Forgets backups that left the repository (remote prune). */
    public void forget(java.util.Collection<String> backupIds) {
        backupIds.forEach(pushed::remove);
    }

    public void write(Path root, String project) throws IOException {
        Path dir = root.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(BackupStore.DIR_MODE));
        }
        AtomicFile.write(file(root, project), JsonCodec.PRETTY.writeValueAsBytes(this));
    }
}
