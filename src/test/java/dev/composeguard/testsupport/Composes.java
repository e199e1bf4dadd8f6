package dev.composeguard.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real compose binaries integration tests run against (installed by .ci/compose-versions): compose v2 by
 * default, as on a production server; each version at a known path. A test that needs one it cannot find skips
 * (JUnit assumption), so the suite passes whatever this machine has installed.
 */
public final class Composes {
    /** The docker CLI's system plugin, where .ci/compose-versions installs the newest v2 it fetched. */
    public static final Path SYSTEM_PLUGIN = Path.of("/usr/libexec/docker/cli-plugins/docker-compose");
    /** Where .ci/compose-versions puts each checked version: {@code /opt/compose-ci/<version>/docker-compose}. */
    public static final Path CI_ROOT = Path.of("/opt/compose-ci");
    /** The versions the suite is checked against, newest first. */
    public static final List<String> CHECKED = List.of("2.40.3", "2.26.1", "1.29.2");

    private Composes() {
    }

    /** The binary of a checked version, if installed. */
    public static Optional<Path> at(String version) {
        Path p = CI_ROOT.resolve(version).resolve("docker-compose");
        if (version.startsWith("1.") && !Files.isExecutable(p)) {
            p = Path.of("/usr/bin/docker-compose"); // Debian's v1 is the one at /opt/compose-ci/1.29.2 (a link)
        }
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** The binary of a checked version; skips the test when it is absent. */
    public static Path require(String version) {
        Optional<Path> p = at(version);
        assumeTrue(p.isPresent(), "compose " + version + " not installed (.ci/compose-versions)");
        return p.get();
    }

    /**
     * The compose integration tests run by default: v2, the system docker CLI plugin (run standalone: same flags,
     * same engine), else the 2.40.3 at its known path; skips the test when neither is installed.
     */
    public static Path v2() {
        if (Files.isExecutable(SYSTEM_PLUGIN)) {
            return SYSTEM_PLUGIN;
        }
        return require("2.40.3");
    }

    /** {@link #v2()} as a string, for {@code COMPOSE_GUARD_REAL_COMPOSE}. */
    public static String v2Path() {
        return v2().toString();
    }

    /** A command line running {@link #v2()} with {@code args}. */
    public static List<String> v2(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(v2Path());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * What the guard and the docker CLI find on this machine without any configuration: the first system docker CLI
     * plugin, else {@code docker-compose} on PATH. For tests of an installed launcher, which searches the real
     * system plugin directories; skips the test when there is no compose at all.
     */
    public static Path machine() {
        for (String d : dev.composeguard.exec.RealComposeFinder.SYSTEM_PLUGIN_DIRS) {
            Path p = Path.of(d, "docker-compose");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "docker-compose"))) {
                return Path.of(d, "docker-compose");
            }
        }
        assumeTrue(false, "no compose installed");
        return null;
    }

    /** True when {@link #machine()} is a system docker CLI plugin (compose v2): then nothing falls back to PATH. */
    public static boolean machineHasPlugin() {
        return machine().toString().contains("/cli-plugins/");
    }

    /** True for the Python docker-compose 1.x (a script), false for compose v2 (a Go binary). */
    public static boolean isV1(Path bin) {
        try (var in = Files.newInputStream(bin)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A service's first container as the compose at {@code bin} names it: v2 {@code p-s-1}, v1 {@code p_s_1}. */
    public static String container(Path bin, String project, String service) {
        return isV1(bin) ? project + "_" + service + "_1" : project + "-" + service + "-1";
    }
}
