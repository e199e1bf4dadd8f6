package dev.composeguard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.composeguard.testsupport.Cmd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package (issue 18): {@code mvn package} of a copy of the checkout builds it with jdeb; {@code dpkg -i}
 * on this machine installs a working {@code /usr/bin/compose-guard} (postinst trains the class-data archive) and
 * touches no compose binary or plugin; {@code dpkg --purge} leaves nothing behind; lintian (when installed) reports
 * no error. Needs root, dpkg and a Java 17+ runtime; skipped otherwise.
 */
@Tag("it")
class DebPackageIT {

    /** Where a compose or a compose plugin may live: the package must leave every one of them as it was. */
    private static final List<String> COMPOSE_PLACES = List.of("/usr/bin/docker-compose", "/usr/local/bin/docker-compose",
            "/usr/libexec/docker/cli-plugins/docker-compose", "/usr/lib/docker/cli-plugins/docker-compose",
            "/usr/local/lib/docker/cli-plugins/docker-compose", "/root/.docker/cli-plugins/docker-compose");

    @TempDir
    Path tmp;

    @Test
    void buildsInstallsRunsAndPurgesCleanly() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for dpkg -i");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "no dpkg");
        assumeTrue(!Files.exists(Path.of("/var/lib/dpkg/info/compose-guard.list")), "compose-guard is already installed here");
        Path deb = buildDeb();

        Cmd.Result contents = Cmd.run(tmp, Map.of(), List.of("dpkg-deb", "--contents", deb.toString()));
        assertEquals(0, contents.exitCode(), contents::toString);
        for (String path : List.of("./usr/bin/compose-guard", "./usr/lib/compose-guard/compose-guard.jar",
                "./usr/lib/compose-guard/compose-guard-alias", "./usr/share/man/man1/compose-guard.1.gz",
                "./usr/share/bash-completion/completions/compose-guard", "./usr/share/zsh/vendor-completions/_compose-guard",
                "./usr/share/fish/vendor_completions.d/compose-guard.fish", "./usr/share/doc/compose-guard/copyright")) {
            assertTrue(contents.stdout().contains(path), path + " in the package\n" + contents.stdout());
        }

        Map<String, String> before = fingerprints();
        try {
            Cmd.Result install = Cmd.run(tmp, Map.of("DEBIAN_FRONTEND", "noninteractive"),
                    List.of("dpkg", "-i", deb.toString()), null, 300);
            assertEquals(0, install.exitCode(), install::toString);
            assertEquals(before, fingerprints(), "installing the package changed a compose binary or plugin");

            Cmd.Result version = Cmd.run(tmp, Map.of(), List.of("/usr/bin/compose-guard", "--guard-version"));
            assertEquals(0, version.exitCode(), version::toString);
            assertTrue(version.stdout().startsWith("compose-guard "), version::toString);
            Path project = Files.createDirectories(tmp.resolve("proj"));
            Files.writeString(project.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n");
            Cmd.Result lint = Cmd.run(project, Map.of(), List.of("/usr/bin/compose-guard", "lint"));
            assertEquals(0, lint.exitCode(), lint::toString);
            try (Stream<Path> cds = Files.list(Path.of("/usr/lib/compose-guard/cds"))) {
                assertTrue(cds.findAny().isPresent(), "postinst trained a class-data archive");
            }
        } finally {
            Cmd.Result purge = Cmd.run(tmp, Map.of(), List.of("dpkg", "--purge", "compose-guard"), null, 300);
            assertEquals(0, purge.exitCode(), purge::toString);
        }
        assertFalse(Files.exists(Path.of("/usr/bin/compose-guard")), "launcher left after purge");
        assertFalse(Files.exists(Path.of("/usr/lib/compose-guard")), "/usr/lib/compose-guard left after purge");
        assertFalse(Files.exists(Path.of("/usr/share/doc/compose-guard")), "docs left after purge");
        assertEquals(before, fingerprints(), "purging the package changed a compose binary or plugin");

        if (Files.isExecutable(Path.of("/usr/bin/lintian"))) {
            Cmd.Result lintian = Cmd.run(tmp, Map.of(), List.of("lintian", "--no-tag-display-limit", deb.toString()), null, 600);
            List<String> errors = lintian.stdout().lines().filter(l -> l.startsWith("E:")).toList();
            assertTrue(errors.isEmpty(), "lintian errors:\n" + lintian);
        }
    }

    /** {@code mvn package} of a copy of the checkout (Maven inside Maven: the outer run is still at {@code test}). */
    private Path buildDeb() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        Path copy = Files.createDirectories(tmp.resolve("checkout"));
        for (String part : List.of("pom.xml", "bin", "src/main", "src/deb", "docs", "completions", "README.md")) {
            Cmd.Result cp = Cmd.run(repo, Map.of(), List.of("cp", "-a", "--parents", part, copy.toString()));
            assertEquals(0, cp.exitCode(), cp::toString);
        }
        List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-q", "-ntp", "-Dstyle.color=never", "-DskipTests", "package"));
        Cmd.Result build = Cmd.run(copy, Map.of(), mvn, null, 900);
        assertEquals(0, build.exitCode(), build::toString);
        try (Stream<Path> s = Files.list(copy.resolve("target"))) {
            return s.filter(p -> p.getFileName().toString().endsWith("_all.deb")).findFirst().orElseThrow();
        }
    }

    private static Map<String, String> fingerprints() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String place : COMPOSE_PLACES) {
            Path p = Path.of(place);
            if (Files.isRegularFile(p)) {
                out.put(place, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            } else {
                out.put(place, Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "other" : "absent");
            }
        }
        return out;
    }
}
