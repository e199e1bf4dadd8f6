package dev.composeguard.project;

/**
 * The short volume syntax {@code [SOURCE:]TARGET[:OPTS]} as compose-go's {@code format.ParseVolume} reads it: a
 * source starting with {@code .}, {@code /}, {@code ~}, {@code \\} or a drive letter is a bind, any other source
 * a named volume, no source an anonymous volume. Unknown options are ignored.
 */
record VolumeSpec(MountType type, String source, String target, boolean readOnly) {

    static VolumeSpec parse(String spec) throws IllegalArgumentException {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("invalid empty volume spec");
        }
        if (spec.length() <= 2) {
            return new VolumeSpec(MountType.VOLUME, null, spec, false);
        }
        String source = null;
        String target = null;
        boolean ro = false;
        StringBuilder buf = new StringBuilder();
        int n = spec.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? spec.charAt(i) : 0;
            if (i < n && c == ':' && buf.length() == 1 && Character.isLetter(buf.charAt(0))) {
                buf.append(c); // a Windows drive letter
                continue;
            }
            if (i < n && c != ':') {
                buf.append(c);
                continue;
            }
            String part = buf.toString();
            buf.setLength(0);
            if (part.isEmpty()) {
                throw new IllegalArgumentException("invalid spec: " + spec + ": empty section between colons");
            }
            if (source == null && i == n) {
                target = part;
            } else if (source == null) {
                source = part;
            } else if (target == null) {
                target = part;
            } else if (i < n) {
                throw new IllegalArgumentException("invalid spec: " + spec + ": too many colons");
            } else {
                for (String opt : part.split(",", -1)) {
                    if (opt.equals("ro")) {
                        ro = true;
                    } else if (opt.equals("rw")) {
                        ro = false;
                    }
                }
            }
        }
        MountType type = isFilePath(source) ? MountType.BIND : MountType.VOLUME;
        return new VolumeSpec(type, source, target, ro);
    }

    static boolean isFilePath(String source) {
        if (source == null || source.isEmpty()) {
            return false;
        }
        char c = source.charAt(0);
        if (c == '.' || c == '/' || c == '~') {
            return true;
        }
        if (source.startsWith("\\\\")) {
            return true;
        }
        return source.length() >= 2 && source.charAt(1) == ':' && Character.isLetter(c);
    }

    /** Go's {@code path.Clean} for container paths. */
    static String cleanPath(String p) {
        if (p == null || p.isEmpty()) {
            return p == null ? null : ".";
        }
        boolean rooted = p.charAt(0) == '/';
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(seg);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
