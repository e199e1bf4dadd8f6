package dev.composeguard.plan;

import dev.composeguard.core.Hashing;
import dev.composeguard.project.Volume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * compose 2.32+'s {@code com.docker.compose.config-hash} of a volume: SHA-256 of Go's {@code json.Marshal} of
 * compose-go's {@code types.VolumeConfig} (fields name, driver, driver_opts, external, labels; empty ones omitted;
 * map keys sorted; driver "" counted as "local"), after compose-go made a local bind {@code device} absolute
 * (docker/compose {@code pkg/compose/hash.go VolumeHash}, compose-go {@code paths/resolve.go}). Checked against the
 * label compose 2.40.3 writes. A mismatch only ever makes the guard back up more.
 */
public final class VolumeConfigHash {
    private VolumeConfigHash() {
    }

    /** The hash compose would compute for {@code v} (non-external) of a project in {@code workingDir}. */
    public static String of(Volume v, Path workingDir) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"name\":").append(string(v.engineName()));
        String driver = v.driver() == null || v.driver().isEmpty() ? "local" : v.driver();
        json.append(",\"driver\":").append(string(driver));
        Map<String, String> opts = new LinkedHashMap<>(v.driverOpts());
        String device = opts.get("device");
        if ("local".equals(v.driver()) && "bind".equals(opts.get("o")) && device != null && workingDir != null) {
            opts.put("device", absolute(device, workingDir));
        }
        if (!opts.isEmpty()) {
            json.append(",\"driver_opts\":").append(map(opts));
        }
        if (v.external()) {
            json.append(",\"external\":true");
        }
        if (!v.labels().isEmpty()) {
            json.append(",\"labels\":").append(map(v.labels()));
        }
        json.append('}');
        return Hashing.sha256Hex(json.toString());
    }

    private static String absolute(String p, Path workingDir) {
        if (p.startsWith("~")) {
            String home = System.getProperty("user.home");
            return Path.of(home + p.substring(1)).normalize().toString();
        }
        return workingDir.resolve(p).normalize().toString();
    }

    /** Go marshals a map with its keys sorted byte-wise (UTF-8). */
    private static String map(Map<String, String> m) {
        List<String> keys = new ArrayList<>(m.keySet());
        keys.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        StringBuilder b = new StringBuilder("{");
        for (String k : keys) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(string(k)).append(':').append(string(m.get(k) == null ? "" : m.get(k)));
        }
        return b.append('}').toString();
    }

    /** A JSON string the way Go's encoding/json writes it (HTML-safe: {@code < > &} escaped; U+2028/9 too). */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
