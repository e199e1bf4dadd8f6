package dev.composeguard.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The real launcher, bin/compose-guard, in an install-like layout under {@code tmp}, with a jar whose manifest
 * points at target/classes and the test class path's jars: integration tests run the guard as users do (bash, the
 * fd-3 verdict, exec) without running Maven inside Maven.
 */
public final class TestLauncher {
    private TestLauncher() {
    }

    /** Returns the launcher's path, {@code tmp/install/bin/compose-guard}. */
    public static Path install(Path tmp) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("install/bin"));
        Path launcher = bin.resolve("compose-guard");
        Files.copy(Path.of("bin/compose-guard"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.createDirectories(tmp.resolve("install/lib/compose-guard")).resolve("compose-guard.jar");
        List<String> urls = new ArrayList<>();
        urls.add(Path.of("target/classes").toAbsolutePath().toUri().toString());
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            if (p.getFileName().toString().startsWith("surefirebooter") && Files.isRegularFile(p)) {
                // surefire may hand the class path over in a booter jar's manifest
                try (JarFile booter = new JarFile(p.toFile())) {
                    String cp = booter.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                    if (cp != null) {
                        urls.addAll(List.of(cp.trim().split("\\s+")));
                    }
                }
            } else if (e.endsWith(".jar")) {
                urls.add(p.toUri().toString());
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(f, m)) {
            out.flush();
        }
        return launcher;
    }
}
