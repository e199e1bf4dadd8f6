package dev.composeguard.project;

import dev.composeguard.core.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one load accumulates while its stages run (environment, files read, env files, warnings): the stages
 * ({@link LoadEnvironment}, {@link IncludeResolver}, {@link ExtendsResolver}, {@link ModelAssembly}) share it so
 * each stays a small class while the result still lists every file in the order compose reads it.
 */
final class LoadState {
    static final Path STDIN = Path.of("<stdin>");
    /** Largest compose or env file read (compose files are kilobytes; this keeps hostile input out of memory). */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    final LoadRequest req;
    final ComposeFlavor flavor;
    final Merger merger;
    final Map<String, String> env = new LinkedHashMap<>();
    final Map<String, Source> origins = new LinkedHashMap<>();
    final List<EnvFile> envFiles = new ArrayList<>();
    final List<ComposeFile> files = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final TreeInterpolation interpolation;
    /** The environment compose files are interpolated with (the project name added), set once the name is known. */
    Map<String, String> interpEnv;
    /** The working directory as compose sees it ({@link ProjectLoader#goCwd}). */
    Path cwd;

    LoadState(LoadRequest req) {
        this.req = req;
        this.flavor = req.flavor() == null ? ComposeFlavor.V2 : req.flavor();
        this.merger = Merger.of(flavor);
        this.interpolation = new TreeInterpolation(flavor, warnings);
    }

    /** Records a compose file read for include or extends, once. */
    void addFile(Path p, FileRole role, byte[] bytes) {
        for (ComposeFile f : files) {
            if (f.path().equals(p)) {
                return;
            }
        }
        files.add(new ComposeFile(p, role, Sha256.of(bytes)));
    }

    Map<String, String> osEnv() {
        return req.osEnv();
    }

    /** The file's real path (symlinks resolved), or the path itself when it cannot be resolved. */
    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p;
        }
    }

    static byte[] read(Path p) throws ProjectLoadException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ProjectLoadException(Source.of(p), "cannot read " + p + ": file is too large (over "
                        + (MAX_FILE_BYTES >> 20) + " MiB)");
            }
            return bytes;
        } catch (IOException e) {
            throw new ProjectLoadException(Source.of(p), "cannot read " + p + ": " + e.getClass().getSimpleName());
        }
    }

    static String sha256(byte[] bytes) {
        return Hashing.sha256Hex(bytes);
    }
}
