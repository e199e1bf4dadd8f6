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
 * Checks every entry of an archive before anything is extracted: no absolute path, no {@code ..}, no device file,
 * no symbolic or hard link whose target leaves the tree. Returns the problems (empty: safe). FIFOs are accepted: a
 * named pipe holds no data and reaches nothing outside the volume (PostgreSQL and others keep control FIFOs in their
 * data directories), and what the guard archives must come back.
 */
public final class SafeTar {
    private SafeTar() {
    }

    public static List<String> problems(InputStream tarStream) throws IOException {
        return scan(tarStream).problems();
    }

    /** The problems, and the entry and byte counts of the archive (complete only when there is no problem). */
    public record Scan(List<String> problems, long entries, long contentBytes) {
    }

    /** Checks every entry and counts them in the same pass (restore reads the archive once before extracting). */
    public static Scan scan(InputStream tarStream) throws IOException {
        List<String> out = new ArrayList<>();
        long entries = 0;
        long content = 0;
        Checker checker = new Checker();
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        TarArchiveEntry e;
        byte[] buf = new byte[64 * 1024];
        while ((e = tar.getNextEntry()) != null) {
            String name = e.getName();
            if (DockerJavaEngine.isRoot(name)) {
                continue;
            }
            entries++;
            String bad = checker.check(e);
            if (bad != null) {
                out.add(name + ": " + bad);
                if (out.size() >= 5) {
                    break;
                }
            }
            if (e.isFile()) {
                long n = 0;
                int r;
                while ((r = tar.read(buf)) >= 0) {
                    n += r;
                }
                if (n != (e.isSparse() ? e.getRealSize() : e.getSize())) {
                    throw new IOException("truncated entry " + name);
                }
                content += n;
            }
        }
        for (String bad : checker.finish()) {
            if (out.size() >= 5) {
                break;
            }
            out.add(bad);
        }
        return new Scan(out, entries, content);
    }

    /**
     * The checks, one entry at a time (so that a restore can check each entry before passing it on), then the links
     * through links once every link of the archive is known ({@link #finish}).
     */
    public static final class Checker {
        // every symbolic link of the archive, and every link to check once all of them are known
        private final java.util.Map<String, String> symlinks = new java.util.HashMap<>();
        private final List<String[]> links = new ArrayList<>();

        /** The problem with this entry on its own, or null. */
        public String check(TarArchiveEntry e) {
            String name = e.getName();
            String bad = checkName(name);
            if (bad == null && (e.isCharacterDevice() || e.isBlockDevice())) {
                bad = "device file";
            }
            if (bad == null && e.isSymbolicLink()) {
                bad = checkLink(name, e.getLinkName(), true);
            }
            if (bad == null && e.isLink()) {
                bad = checkLink(name, e.getLinkName(), false);
            }
            if (bad == null && (e.isSymbolicLink() || e.isLink())) {
                if (e.isSymbolicLink() && symlinks.size() < 1_000_000) {
                    symlinks.put(key(name), e.getLinkName());
                }
                if (links.size() < 1_000_000) {
                    links.add(new String[] {name, e.getLinkName(), e.isSymbolicLink() ? "s" : "h"});
                }
            }
            return bad;
        }

        /**
         * Each link on its own stays inside, but one may lead through another (s -> . then t -> s/..): every link
         * resolved through the archive's symbolic links, as the extraction will find them on disk. At most five.
         */
        public List<String> finish() {
            List<String> out = new ArrayList<>();
            for (String[] l : links) {
                if (out.size() >= 5) {
                    break;
                }
                java.util.ArrayDeque<String> at = new java.util.ArrayDeque<>();
                if (l[2].equals("s")) {
                    String k = key(l[0]);
                    int slash = k.lastIndexOf('/');
                    if (slash > 0) {
                        for (String part : k.substring(0, slash).split("/")) {
                            at.addLast(part);
                        }
                    }
                }
                String bad = walk(symlinks, at, l[1], 0);
                if (bad != null) {
                    out.add(l[0] + ": " + bad + " (" + l[1] + ")");
                }
            }
            return out;
        }
    }

    /** An entry name as a path key: no leading {@code ./}, no trailing {@code /}. */
    private static String key(String name) {
        String k = strip(name);
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        return k;
    }

    /** Follows {@code rel} from {@code at} through the archive's symbolic links; a problem or null (inside). */
    private static String walk(java.util.Map<String, String> symlinks, java.util.ArrayDeque<String> at, String rel,
            int hops) {
        if (hops > 40) {
            return "too many levels of symbolic links";
        }
        if (rel.startsWith("/")) {
            return "link through a link to an absolute path";
        }
        for (String part : rel.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (at.isEmpty()) {
                    return "link escaping the volume through another link";
                }
                at.removeLast();
                continue;
            }
            at.addLast(part);
            String target = symlinks.get(String.join("/", at));
            if (target != null) {
                at.removeLast();
                String bad = walk(symlinks, at, target, hops + 1);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
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
