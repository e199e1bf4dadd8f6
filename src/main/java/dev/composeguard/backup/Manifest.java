package dev.composeguard.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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

    static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public static Manifest read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), Manifest.class);
    }

    public byte[] toJson() throws IOException {
        return mapper().writeValueAsBytes(this);
    }

    public String toJsonString() {
        try {
            return mapper().writeValueAsString(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
