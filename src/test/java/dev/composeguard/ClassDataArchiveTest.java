package dev.composeguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.composeguard.testsupport.Cmd;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (AppCDS on JDK 17–24, AOT cache on 25+) with the real JVM of this build: the
 * archive is found under the key of exactly this JDK, and an archive the JVM cannot use (garbage, or made for other
 * classes) is skipped without a word on stdout or stderr, so {@code docker-compose config > file} stays exact.
 */
class ClassDataArchiveTest {

    private static final String CONFIG = "name: demo\nservices:\n  web:\n    image: nginx\n";

    @TempDir
    Path tmp;

    private Path launcher;
    private Path cds;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void layout() throws IOException {
        Path install = tmp.resolve("inst");
        launcher = install.resolve("bin/compose-guard");
        Files.createDirectories(launcher.getParent());
        Files.copy(Path.of("bin/compose-guard"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path lib = install.resolve("lib/compose-guard");
        jar(Path.of("target/classes"), lib.resolve("compose-guard.jar"));
        cds = lib.resolve("cds");
        Path compose = tmp.resolve("compose/docker-compose");
        Files.createDirectories(compose.getParent());
        Files.writeString(compose, "#!/bin/sh\nprintf '" + CONFIG.replace("\n", "\\n") + "'\n");
        Files.setPosixFilePermissions(compose, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("COMPOSE_GUARD_REAL_COMPOSE", compose.toString());
        env.put("COMPOSE_GUARD_JAVA_OPTS", null);
        env.put("COMPOSE_GUARD_HANDOFF", null);
        env.put("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", null);
        env.put("HOME", tmp.toString());
        env.put("PATH", "/usr/bin:/bin");
    }

    /** The name the launcher looks for: real JDK path plus JAVA_RUNTIME_VERSION from its release file. */
    private Path archiveName() throws IOException {
        Path home = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().getParent().getParent();
        String version = null;
        for (String line : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
            if (line.startsWith("JAVA_RUNTIME_VERSION=")) {
                version = line.substring(line.indexOf('=') + 1).replace("\"", "");
            }
        }
        String key = (home + "-" + version).replaceAll("[^A-Za-z0-9._+-]", "_");
        return cds.resolve(key + (Runtime.version().feature() >= 25 ? ".aot" : ".jsa"));
    }

    private Cmd.Result config() {
        return Cmd.run(tmp, env, List.of(launcher.toString(), "-f", "compose.yaml", "config"), null, 60);
    }

    private void assertExactConfig(Cmd.Result r) {
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(CONFIG, r.stdout(), "stdout is compose's alone");
        assertEquals("", r.stderr(), "nothing from the JVM about the archive");
    }

    @Test
    void noArchiveIsSilent() {
        assertExactConfig(config());
    }

    @Test
    void garbageArchiveIsSkippedSilently() throws IOException {
        Path archive = archiveName();
        Files.createDirectories(archive.getParent());
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(junk);
        Files.write(archive, junk);
        assertExactConfig(config());
        Files.write(archive, new byte[0]);
        assertExactConfig(config());
    }

    @Test
    void archiveForOtherClassesIsSkippedSilently() throws IOException {
        // A real archive of this JDK, but recorded with another class path: the JVM must refuse it (stale).
        Path other = tmp.resolve("other.jar");
        jar(Path.of("target/classes"), other);
        Path archive = archiveName();
        Files.createDirectories(archive.getParent());
        String record = Runtime.version().feature() >= 25 ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
        Cmd.Result made = Cmd.run(tmp, Map.of("COMPOSE_GUARD_REAL_COMPOSE", "/bin/true", "COMPOSE_GUARD_VERDICT_FD", "1"),
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:disable",
                        record + archive, "-cp", other.toString(), Main.class.getName(), "ps"), null, 120);
        assertEquals(0, made.exitCode(), made.toString());
        assertTrue(Files.size(archive) > 0);
        assertExactConfig(config());
        // … while a JVM that must use it says so: the file really is unusable here.
        env.put("COMPOSE_GUARD_JAVA_OPTS", Runtime.version().feature() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on");
        assertFalse(config().exitCode() == 0, "the stale archive was accepted after all");
    }

    @Test
    void trainingMakesAnArchiveTheJvmAcceptsAndConfigStaysExact() throws IOException {
        // The real training run through the launcher, with the libraries on the jar's manifest class path.
        Path lib = launcher.getParent().getParent().resolve("lib/compose-guard");
        StringBuilder cp = new StringBuilder();
        String testCp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : testCp.split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                cp.append(Path.of(entry).toUri()).append(' ');
            }
        }
        jar(Path.of("target/classes"), lib.resolve("compose-guard.jar"), cp.toString().trim());
        Cmd.Result train = Cmd.run(tmp, env, List.of(launcher.toString(), "--guard-train"), null, 300);
        assertEquals(0, train.exitCode(), train.toString());
        assertEquals(archiveName().toString(), train.stdout().strip(), "prints the archive it made");
        assertTrue(Files.size(archiveName()) > 1_000_000, "holds the trained classes");
        assertExactConfig(config());
        env.put("COMPOSE_GUARD_JAVA_OPTS", Runtime.version().feature() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on");
        assertExactConfig(config()); // the JVM must use it (it fails instead of falling back)
    }

    /** Our classes in a plain jar (the unit-test phase has no packaged jar); enough for the safe path. */
    private static void jar(Path classes, Path jar) throws IOException {
        jar(classes, jar, null);
    }

    private static void jar(Path classes, Path jar, String classPath) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null && !classPath.isEmpty()) {
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f, m);
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
