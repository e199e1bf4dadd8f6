package dev.composeguard.it;

import dev.composeguard.testsupport.Cmd;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A release-like copy of the checkout for integration tests: install.sh, bin/compose-guard, and a
 * target/compose-guard.jar + target/lib made from this test run's classes and runtime classpath, so that
 * {@code install.sh --prefix} installs what the tests compiled without starting Maven inside Maven (surefire runs
 * before {@code package}, so target/compose-guard.jar may be missing or stale here).
 */
final class GuardInstall {

    /** Jars on the test classpath that the tool itself never needs. */
    private static final List<String> TEST_ONLY = List.of("junit", "opentest4j", "apiguardian", "mockito",
            "byte-buddy", "objenesis", "surefire");

    private static Path dist;

    private GuardInstall() {
    }

    /** The copy of the checkout, made once per test JVM and removed when it exits. */
    static synchronized Path dist() {
        if (dist != null) {
            return dist;
        }
        try {
            Path root = Files.createTempDirectory("cgit-pkg-dist");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            Path repo = Path.of("").toAbsolutePath();
            copy(repo.resolve("install.sh"), root.resolve("install.sh"));
            copy(repo.resolve("bin/compose-guard"), root.resolve("bin/compose-guard"));
            copy(repo.resolve("bin/compose-guard-alias"), root.resolve("bin/compose-guard-alias"));
            copy(repo.resolve("pom.xml"), root.resolve("pom.xml"));
            if (Files.isDirectory(repo.resolve("completions"))) {
                try (Stream<Path> s = Files.list(repo.resolve("completions"))) {
                    for (Path c : (Iterable<Path>) s::iterator) {
                        if (Files.isRegularFile(c)) {
                            copy(c, root.resolve("completions").resolve(c.getFileName()));
                        }
                    }
                }
            }
            Path lib = Files.createDirectories(root.resolve("target/lib"));
            List<String> classPath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                String name = p.getFileName().toString();
                if (name.endsWith(".jar") && TEST_ONLY.stream().noneMatch(entry::contains) && Files.isRegularFile(p)) {
                    Files.copy(p, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    classPath.add("lib/" + name);
                }
            }
            writeJar(repo.resolve("target/classes"), root.resolve("target/compose-guard.jar"), classPath);
            dist = root;
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code install.sh --prefix PREFIX ARGS…} from the copy with {@code env} added to the environment. */
    static Cmd.Result installSh(Path prefix, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", dist().resolve("install.sh").toString(), "--prefix",
                prefix.toString()));
        cmd.addAll(List.of(args));
        return Cmd.run(prefix.getParent(), env, cmd, null, 120);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void writeJar(Path classes, Path jar, List<String> classPath) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.composeguard.Main");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "it-build");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, m);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(f)) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
    }

    static Path executable(Path file, String body) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, body);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
