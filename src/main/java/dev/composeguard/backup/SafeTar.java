package dev.composeguard.backup;

import dev.composeguard.engine.DockerJavaEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Checks every entry of an archive before anything is extracted: no absolute path, no {@code ..}, no device file or
 * FIFO, no symbolic or hard link whose target leaves the tree. Returns the problems (empty: safe).
 */
public final class SafeTar {
    private SafeTar() {
    }

    public static List<String> problems(InputStream tarStream) throws IOException {
        List<String> out = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        TarArchiveEntry e;
        byte[] buf = new byte[64 * 1024];
        while ((e = tar.getNextEntry()) != null) {
            String name = e.getName();
            if (DockerJavaEngine.isRoot(name)) {
                continue;
            }
            String bad = checkName(name);
            if (bad == null && (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO())) {
                bad = "device file or FIFO";
            }
            if (bad == null && e.isSymbolicLink()) {
                bad = checkLink(name, e.getLinkName(), true);
            }
            if (bad == null && e.isLink()) {
                bad = checkLink(name, e.getLinkName(), false);
            }
            if (bad != null) {
                out.add(name + ": " + bad);
                if (out.size() >= 5) {
                    break;
                }
            }
            if (e.isFile()) {
                while (tar.read(buf) >= 0) {
                    // read through
                }
            }
        }
        return out;
    }

    static String checkName(String name) {
        if (name.startsWith("/")) {
            return "absolute path";
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                return "path with ..";
            }
        }
        if (name.indexOf('\0') >= 0) {
            return "NUL in name";
        }
        return null;
    }

    /** A link target must stay inside the tree: relative to the link's directory (symlink) or the root (hard link). */
    static String checkLink(String name, String target, boolean symbolic) {
        if (target == null || target.isEmpty()) {
            return "link without target";
        }
        if (target.startsWith("/")) {
            return "link to an absolute path (" + target + ")";
        }
        Path root = Path.of("/r");
        Path base = symbolic ? root.resolve(strip(name)).getParent() : root;
        Path resolved = base.resolve(strip(target)).normalize();
        if (!resolved.startsWith(root)) {
            return "link escaping the volume (" + target + ")";
        }
        return null;
    }

    private static String strip(String s) {
        String r = s;
        while (r.startsWith("./")) {
            r = r.substring(2);
        }
        return r.isEmpty() ? "." : r;
    }
}
