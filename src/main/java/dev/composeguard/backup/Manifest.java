package dev.composeguard.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.composeguard.core.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of one backup: what was saved, where, and how to check it. Never holds a secret (no
 * container environment, no command line with credentials).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Manifest {
    public static final String FILE = "manifest.json";
    public static final int FORMAT = 1;
    /** {@link VolumeArchive#reader}: GNU tar in a helper container (exact) or the Engine's archive stream. */
    public static final String READER_GNU_TAR = "gnu-tar";
    public static final String READER_ENGINE = "engine";

    public int format = FORMAT;
    public String id;
    public String project;
    /** ISO-8601 UTC. */
    public String createdAt;
    public String host;
    public String guardVersion;
    public String engineVersion;
    /** Why it was taken: {@code down -v}, {@code backup} … */
    public String reason;
    public boolean verified;
    public String verifiedAt;
    public List<VolumeArchive> volumes = new ArrayList<>();
    public List<Dump> dumps = new ArrayList<>();
    /** Restore drills run on this backup ({@code backups drill}), oldest first. */
    public List<DrillRecord> drills = new ArrayList<>();

    /** One volume (or container directory) saved as a compressed tar. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class VolumeArchive {
        /** Engine volume name (null for a container directory). */
        public String name;
        public String driver;
        public Map<String, String> driverOpts = new LinkedHashMap<>();
        public Map<String, String> labels = new LinkedHashMap<>();
        public List<String> services = new ArrayList<>();
        /** For a container directory: the container and the path. */
        public String container;
        public String path;
        /** Relative to the backup directory. */
        public String archive;
        /** {@code tar.zst} or {@code tar.gz}; absent in backups taken before zstd (they are all tar.gz). */
        public String format;
        /** Who produced the tar: {@link #READER_GNU_TAR} or {@link #READER_ENGINE}; absent in older backups (engine). */
        public String reader;
        /** The local image whose GNU tar read the volume (restore extracts with it again when it is still there). */
        public String tarImage;
        public String sha256;
        public long archiveBytes;
        /** Sum of the sizes of regular files. */
        public long contentBytes;
        /** Entries below the volume root (files, directories, links). */
        public long entries;
        /** The engine's own size before the backup ({@code system df}); -1 unknown. */
        public long engineSizeBytes = -1;
        /**
         * How the file copy relates to the writers: {@code stopped} (writers stopped, a single point in time),
         * {@code frozen} (paused), {@code quiescent} (no running writer), {@code live} (a running writer: crash-consistent
         * at best; the logical dump is the consistent copy).
         */
        public String consistency;
        /** The database kind of the service using the volume (postgres, mysql, redis, mongo), for drills. */
        public String database;
        /** Where that service mounts the volume. */
        public String mountPath;
        /** How that service ran (no environment; a command holding an environment value is not recorded). */
        public Runtime runtime;
        /** Tables/rows or keys counted in the running database when the backup started. */
        public Map<String, Long> counts;
    }

    /** How the service of a volume ran, without its environment (a drill starts the same thing again). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Runtime {
        public String image;
        public String imageId;
        /** Null when not recorded (a word held an environment value). */
        public List<String> entrypoint;
        public List<String> cmd;
        public String user;
        public List<String> healthcheck;
    }

    /** One {@code backups drill} run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class DrillRecord {
        /** ISO-8601 UTC, when it started. */
        public String at;
        public double seconds;
        public boolean ok;
        public List<DrillVolume> volumes = new ArrayList<>();
    }

    /** What a drill found for one volume. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class DrillVolume {
        public String volume;
        public String service;
        public String database;
        /** The database started and answered (false for volumes of no database). */
        public boolean started;
        public double seconds;
        public Map<String, Long> counts = new LinkedHashMap<>();
        public Map<String, Long> expected;
        /** ok or failed. */
        public String result;
        public String reason;
    }

    /** A logical dump of a running database. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Dump {
        public String service;
        public String container;
        /** postgres, mysql, redis, mongo. */
        public String kind;
        /** The tool run inside the container (no arguments: they are fixed, credentials come from its env). */
        public String tool;
        public String file;
        public String sha256;
        public long bytes;
    }

    public static Manifest read(Path file) throws IOException {
        return JsonCodec.MAPPER.readValue(file.toFile(), Manifest.class);
    }

    public byte[] toJson() throws IOException {
        return JsonCodec.PRETTY.writeValueAsBytes(this);
    }

    public String toJsonString() {
        try {
            return JsonCodec.PRETTY.writeValueAsString(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
