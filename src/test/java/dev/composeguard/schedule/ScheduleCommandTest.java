package dev.composeguard.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.core.ExitCodes;
import dev.composeguard.testsupport.Cmd;
import dev.composeguard.testsupport.GuardRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schedule install|status|remove} without touching the host: units written to a directory of the test's
 * own, checked by {@code systemd-analyze verify} (skipped when absent), the cron variant, the dry run, and a
 * project that cannot be loaded.
 */
class ScheduleCommandTest {
    // The name comes from COMPOSE_PROJECT_NAME (below), not a top-level name: that v1 (which a machine may have as
    // its only compose) refuses.
    static final String COMPOSE = """
            services:
              db:
                image: compose-guard-test/postgres:15
                volumes: [data:/var/lib/postgresql/data]
            volumes:
              data: {}
            """;
    @TempDir
    Path project;
    @TempDir
    Path units;

    Map<String, String> env() {
        return Map.of("COMPOSE_PROJECT_NAME", "cgit-offhost-sched",
                "COMPOSE_GUARD_LAUNCHER", Path.of("bin/compose-guard").toAbsolutePath().toString(),
                "COMPOSE_GUARD_BACKUP_DIR", project.resolve("backups dir").toString());
    }

    GuardRun guard(String... args) {
        return GuardRun.in(project, env(), args);
    }

    @Test
    void dryRunPrintsEveryUnitAndWritesNothing() throws Exception {
        Files.writeString(project.resolve("compose.yaml"), COMPOSE);
        GuardRun r = guard("schedule", "install", "--every", "6h", "--keep-hourly", "24", "--keep-daily", "7",
                "--keep-weekly", "4", "--keep-monthly", "12", "--drill", "weekly", "--kind", "systemd", "--unit-dir",
                units.toString(), "--dry-run");
        assertEquals(0, r.exitCode, r.toString());
        List<String> headers = r.out.lines().filter(l -> l.startsWith("# compose-guard-")).toList();
        assertEquals(List.of("# compose-guard-cgit-offhost-sched.service", "# compose-guard-cgit-offhost-sched.timer",
                "# compose-guard-cgit-offhost-sched-drill.service", "# compose-guard-cgit-offhost-sched-drill.timer"),
                headers);
        assertTrue(r.out.contains("OnCalendar=*-*-* 00/6:00:00\nRandomizedDelaySec=30min\nPersistent=true"), r.out);
        assertTrue(r.out.contains(" backups prune --keep-hourly 24 --keep-daily 7 --keep-weekly 4 --keep-monthly 12"),
                r.out);
        assertTrue(r.out.contains("ExecStopPost=") && r.out.contains("backups check --max-age 12h -p cgit-offhost-sched"),
                r.out);
        assertTrue(r.out.contains("\"COMPOSE_GUARD_BACKUP_DIR=" + project.resolve("backups dir") + "\""), r.out);
        assertTrue(r.out.contains("OnCalendar=weekly"), r.out);
        try (Stream<Path> s = Files.list(units)) {
            assertEquals(0, s.count(), "a dry run writes nothing");
        }
    }

    @Test
    void installVerifyStatusRemove() throws Exception {
        Files.writeString(project.resolve("compose.yaml"), COMPOSE);
        GuardRun none = guard("schedule", "status", "--kind", "systemd", "--unit-dir", units.toString());
        assertEquals(ExitCodes.FINDINGS, none.exitCode, none.toString());
        GuardRun r = guard("schedule", "install", "--every", "30m", "--keep-daily", "7", "--drill", "daily",
                "--textfile", "metrics", "--kind", "systemd", "--unit-dir", units.toString());
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.err.contains("not activated; run: systemctl"), r.toString());
        List<Path> files;
        try (Stream<Path> s = Files.list(units)) {
            files = s.sorted().toList();
        }
        assertEquals(4, files.size(), files.toString());
        assertTrue(Files.readString(units.resolve("compose-guard-cgit-offhost-sched.timer"))
                .contains("OnCalendar=*-*-* *:00/30:00\nRandomizedDelaySec=3min"));
        assertTrue(Files.readString(units.resolve("compose-guard-cgit-offhost-sched.service"))
                .contains("--textfile " + project.resolve("metrics")));
        verify(files);

        GuardRun status = guard("schedule", "status", "--kind", "systemd", "--unit-dir", units.toString());
        assertEquals(0, status.exitCode, status.toString());
        assertTrue(status.out.contains("installed " + units.resolve("compose-guard-cgit-offhost-sched.timer")), status.out);
        GuardRun rm = guard("schedule", "remove", "--kind", "systemd", "--unit-dir", units.toString());
        assertEquals(0, rm.exitCode, rm.toString());
        try (Stream<Path> s = Files.list(units)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void cronFileWhereSystemdIsAbsent() throws Exception {
        Files.writeString(project.resolve("compose.yaml"), COMPOSE);
        GuardRun r = guard("schedule", "install", "--every", "6h", "--keep-daily", "7", "--drill", "weekly", "--kind",
                "cron", "--unit-dir", units.toString());
        assertEquals(0, r.exitCode, r.toString());
        String cron = Files.readString(units.resolve("compose-guard-cgit-offhost-sched"));
        List<String> jobs = cron.lines().filter(l -> !l.startsWith("#") && l.contains(" root ")).toList();
        assertEquals(2, jobs.size(), cron);
        assertTrue(jobs.get(0).matches("\\d+ \\d+-23/6 \\* \\* \\* root cd .*"), cron);
        assertTrue(jobs.get(0).contains("backup -p cgit-offhost-sched && ") && jobs.get(0).contains("backups check"), cron);
        assertTrue(jobs.get(1).matches("\\d+ 4 \\* \\* 0 root .*backups drill -p cgit-offhost-sched.*"), cron);
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
        Cmd.Result syntax = Cmd.run(project, Map.of(), List.of("sh", "-n", "-c", jobs.get(0).replaceFirst("^(\\S+ ){5}root ", "")));
        assertEquals(0, syntax.exitCode(), syntax.toString());
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Files.writeString(project.resolve("compose.yaml"), "services:\n  db: [unclosed\n");
        GuardRun r = guard("schedule", "install", "--every", "6h", "--kind", "systemd", "--unit-dir", units.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode, r.toString());
        assertEquals(1, r.err.lines().count(), r.toString());
        assertTrue(r.err.startsWith("compose-guard: cannot schedule: "), r.toString());
        Files.writeString(project.resolve("compose.yaml"), COMPOSE);
        GuardRun every = guard("schedule", "install", "--every", "7h", "--kind", "systemd", "--unit-dir", units.toString());
        assertEquals(ExitCodes.USAGE, every.exitCode, every.toString());
        assertTrue(every.err.contains("--every must divide an hour or a day"), every.toString());
        try (Stream<Path> s = Files.list(units)) {
            assertFalse(s.findAny().isPresent(), "nothing written");
        }
    }

    private static void verify(List<Path> files) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze (package systemd)");
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        files.forEach(f -> cmd.add(f.toString()));
        Cmd.Result v = Cmd.run(null, Map.of("SYSTEMD_LOG_LEVEL", "warning"), cmd, null, 60);
        assertEquals(0, v.exitCode(), v.toString());
        assertEquals("", v.stderr().strip(), "systemd-analyze has no warning: " + v);
    }
}
