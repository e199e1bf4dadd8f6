package dev.composeguard.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where a schedule lives and how it is switched on and off: systemd units in /etc/systemd/system (root) or
 * ~/.config/systemd/user, or a file in /etc/cron.d; or, with an explicit directory, just the files there (nothing
 * activated). systemctl is run only when systemd is the running init and the default directory is used.
 *
 * @param kind    systemd or cron
 * @param dir     where the files go
 * @param user    systemd user units ({@code systemctl --user})
 * @param activate whether to run systemctl
 */
public record Scheduler(Kind kind, Path dir, boolean user, boolean activate) {
    /** How the host runs timed jobs. */
    public enum Kind { SYSTEMD, CRON }

    /** The host's way: systemd when it is the running init ({@code /run/systemd/system}), cron otherwise. */
    public static Kind detect() {
        return Files.isDirectory(Path.of("/run/systemd/system")) ? Kind.SYSTEMD : Kind.CRON;
    }

    /** The default place for the kind; {@code explicitDir} (tests, packaging) overrides it and disables activation. */
    public static Scheduler of(Kind kind, Path explicitDir, boolean root, Path home) {
        boolean systemdRunning = Files.isDirectory(Path.of("/run/systemd/system"));
        if (explicitDir != null) {
            return new Scheduler(kind, explicitDir, !root, false);
        }
        if (kind == Kind.CRON) {
            if (!root) {
                throw new IllegalStateException("a cron.d file needs root (or use --unit-dir DIR and install it yourself)");
            }
            return new Scheduler(kind, Path.of("/etc/cron.d"), false, false);
        }
        Path dir = root ? Path.of("/etc/systemd/system") : home.resolve(".config/systemd/user");
        return new Scheduler(kind, dir, !root, systemdRunning);
    }

    /** File name → content. */
    public Map<String, String> files(ScheduleSpec s) {
        if (kind == Kind.SYSTEMD) {
            return SystemdUnits.render(s);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CronFile.fileName(s), CronFile.render(s));
        return m;
    }

    /** The schedule's files that exist for the project, whatever options it was installed with. */
    public List<Path> installed(String project) {
        String base = "compose-guard-" + project;
        List<String> names = kind == Kind.SYSTEMD
                ? List.of(base + ".service", base + ".timer", base + "-drill.service", base + "-drill.timer")
                : List.of(base);
        List<Path> out = new ArrayList<>();
        names.forEach(n -> {
            if (Files.isRegularFile(dir.resolve(n))) {
                out.add(dir.resolve(n));
            }
        });
        return out;
    }

    public void install(Map<String, String> files, Consumer<String> say) throws IOException {
        Files.createDirectories(dir);
        for (var e : files.entrySet()) {
            Path target = dir.resolve(e.getKey());
            Path tmp = dir.resolve("." + e.getKey() + ".tmp");
            Files.writeString(tmp, e.getValue());
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            say.accept("wrote " + target);
        }
        List<String> timers = files.keySet().stream().filter(n -> n.endsWith(".timer")).toList();
        if (kind == Kind.SYSTEMD && activate) {
            systemctl(List.of("daemon-reload"), say);
            List<String> enable = new ArrayList<>(List.of("enable", "--now"));
            enable.addAll(timers);
            systemctl(enable, say);
        } else if (kind == Kind.SYSTEMD) {
            say.accept("not activated; run: systemctl " + (user ? "--user " : "") + "daemon-reload && systemctl "
                    + (user ? "--user " : "") + "enable --now " + String.join(" ", timers));
        }
    }

    public List<Path> remove(String project, Consumer<String> say) throws IOException {
        List<Path> files = installed(project);
        if (kind == Kind.SYSTEMD && activate) {
            List<String> disable = new ArrayList<>(List.of("disable", "--now"));
            files.stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".timer")).forEach(disable::add);
            if (disable.size() > 2) {
                systemctl(disable, say);
            }
        }
        for (Path p : files) {
            Files.delete(p);
            say.accept("removed " + p);
        }
        if (kind == Kind.SYSTEMD && activate && !files.isEmpty()) {
            systemctl(List.of("daemon-reload"), say);
        }
        return files;
    }

    /** systemctl list-timers for the project's timers (activated schedules only), else null. */
    public String timerStatus(String project) {
        if (kind != Kind.SYSTEMD || !activate) {
            return null;
        }
        try {
            return run(List.of("list-timers", "--all", "--no-pager", "compose-guard-" + project + "*"));
        } catch (IOException e) {
            return "systemctl list-timers failed: " + e.getMessage();
        }
    }

    private void systemctl(List<String> args, Consumer<String> say) throws IOException {
        run(args);
        say.accept("systemctl " + (user ? "--user " : "") + String.join(" ", args));
    }

    private String run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("systemctl"));
        if (user) {
            cmd.add("--user");
        }
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
