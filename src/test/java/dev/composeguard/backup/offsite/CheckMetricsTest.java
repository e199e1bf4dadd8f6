package dev.composeguard.backup.offsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.backup.PushState;
import dev.composeguard.backup.Manifest;
import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backups check --format prometheus / --textfile} over a store written by hand (no engine, no restic):
 * the series per project and volume, drills read from the manifest, a failed push, promtool's verdict, and the
 * alert rules in docs/alerts checked by promtool and only naming metrics the guard writes.
 */
class CheckMetricsTest {
    @TempDir
    Path store;
    @TempDir
    Path cwd;
    @TempDir
    Path textfiles;

    private void backup(String id, String project, Instant at, String volume, String drillJson) throws Exception {
        Path d = Files.createDirectories(store.resolve(id));
        Manifest m = new Manifest();
        m.id = id;
        m.project = project;
        m.createdAt = at.toString();
        m.verified = true;
        Manifest.VolumeArchive a = new Manifest.VolumeArchive();
        a.name = volume;
        a.archive = "volumes/" + volume + ".tar.gz";
        a.archiveBytes = 4211;
        m.volumes.add(a);
        String json = m.toJsonString();
        if (drillJson != null) {
            json = json.substring(0, json.lastIndexOf('}')) + ", " + drillJson + "}";
        }
        Files.writeString(d.resolve(Manifest.FILE), json);
    }

    GuardRun check(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("backups", "check", "--max-age", "6h"));
        args.addAll(List.of(more));
        return GuardRun.in(cwd, Map.of("COMPOSE_GUARD_BACKUP_DIR", store.toString()), args.toArray(new String[0]));
    }

    @Test
    void seriesPerProjectAndVolumeAcceptedByPromtool() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        backup("shop-1", "shop", now.minus(1, ChronoUnit.HOURS), "shop_db",
                // as backups drill records it (issue 10): drills[], per volume a result
                "\"drills\" : [ {\"at\" : \"" + now.minus(2, ChronoUnit.HOURS) + "\", \"ok\" : false, \"volumes\" : [ "
                        + "{\"volume\" : \"shop_db\", \"result\" : \"failed\"} ]}, {\"at\" : \""
                        + now.minus(30, ChronoUnit.MINUTES) + "\", \"seconds\" : 3.5, \"ok\" : true, \"volumes\" : [ "
                        + "{\"volume\" : \"shop_db\", \"service\" : \"db\", \"started\" : true, \"result\" : \"ok\"} ]} ]");
        backup("blog-1", "blog", now.minus(30, ChronoUnit.HOURS), "blog_data",
                "\"drill\" : {\"at\" : \"" + now.minus(29, ChronoUnit.HOURS) + "\", \"ok\" : false}");
        GuardRun r = check("--format", "prometheus");
        assertEquals(ExitCodes.FINDINGS, r.exitCode, r.toString()); // blog is stale
        String shop = "{project=\"shop\",volume=\"shop_db\"}";
        String blog = "{project=\"blog\",volume=\"blog_data\"}";
        assertEquals(now.minus(1, ChronoUnit.HOURS).getEpochSecond(),
                value(r.out, "compose_guard_backup_last_verified_timestamp_seconds" + shop), r.out);
        assertEquals(4211, value(r.out, "compose_guard_backup_last_verified_size_bytes" + shop));
        assertEquals(now.minus(30, ChronoUnit.MINUTES).getEpochSecond(),
                value(r.out, "compose_guard_drill_last_success_timestamp_seconds" + shop));
        assertEquals(1, value(r.out, "compose_guard_drill_last_ok" + shop));
        assertEquals(0, value(r.out, "compose_guard_drill_last_ok" + blog));
        assertEquals(0, value(r.out, "compose_guard_drill_last_success_timestamp_seconds" + blog));
        assertEquals(1, value(r.out, "compose_guard_check_ok" + shop));
        assertEquals(0, value(r.out, "compose_guard_check_ok" + blog));
        assertTrue(!r.out.contains("compose_guard_push"), "no repository, no push series: " + r.out);
        MetricsTest.promtoolAccepts(r.out);

        // a failed push: the check fails for that project, the push series say so
        PushState s = new PushState();
        s.recordFailure(now, "restic repository unreachable or not initialised");
        s.write(store, "shop");
        GuardRun failed = check("--textfile", textfiles.toString());
        assertEquals(ExitCodes.FINDINGS, failed.exitCode, failed.toString());
        assertTrue(failed.out.contains("PUSH FAILED shop: restic repository unreachable"), failed.toString());
        Path prom = textfiles.resolve("compose-guard.prom");
        String text = Files.readString(prom);
        assertEquals(0, value(text, "compose_guard_push_ok{project=\"shop\"}"));
        assertEquals(0, value(text, "compose_guard_check_ok" + shop));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(prom)));
        try (var files = Files.list(textfiles)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
        MetricsTest.promtoolAccepts(text);
    }

    @Test
    void alertRulesPassPromtoolAndNameOnlyWrittenMetrics() throws Exception {
        Path rules = Path.of("docs/alerts/compose-guard.rules.yml");
        String text = Files.readString(rules);
        Matcher m = Pattern.compile("compose_guard_[a-z_]+").matcher(text);
        String source = Files.readString(Path.of("src/main/java/dev/composeguard/backup/BackupMetrics.java"));
        while (m.find()) {
            assertTrue(source.contains("\"" + m.group()), "rule names a metric the guard does not write: " + m.group());
        }
        assumeTrue(MetricsTest.promtool(), "promtool (Debian's prometheus package) is needed");
        Cmd.Result r = Cmd.run(null, Map.of(), List.of("promtool", "check", "rules", rules.toAbsolutePath().toString()));
        assertEquals(0, r.exitCode(), r.toString());
    }

    private static long value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Long.parseLong(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in\n" + exposition);
    }
}
