package dev.composeguard.project;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compose v2's dotenv syntax (compose-go {@code dotenv/parser.go}): BOM stripped, {@code #} comment lines,
 * optional {@code export}, {@code KEY=VAL} or {@code KEY: VAL}, bare {@code KEY} inherits from the lookup,
 * unquoted values end at an inline {@code " #"} comment and are interpolated, single quotes are literal (only
 * {@code \'} is an escape), double quotes process escapes then interpolate. Errors carry file:line.
 */
final class DotEnv {

    /** One parsed assignment and where it is. */
    record Entry(String key, String value, Source source) {
        @Override
        public String toString() {
            return "Entry[" + key + " @ " + source + "]";
        }
    }

    private final Path file;
    private final String src;
    private final Function<String, String> lookup;
    private final ComposeFlavor flavor;
    private final List<String> unset;
    private int pos;
    private int line = 1;
    private int lineStart;

    private DotEnv(Path file, String src, Function<String, String> lookup, ComposeFlavor flavor, List<String> unset) {
        this.file = file;
        this.src = src;
        this.lookup = lookup;
        this.flavor = flavor;
        this.unset = unset;
    }

    /**
     * Parses {@code bytes}. Variables in values are looked up with {@code lookup} first (the OS env and files read
     * earlier), then in keys parsed earlier in this file.
     *
     * @param unset receives the names of unset variables interpolated without default (may be null)
     */
    static List<Entry> parse(byte[] bytes, Path file, Function<String, String> lookup, ComposeFlavor flavor,
            List<String> unset) throws ProjectLoadException {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        return new DotEnv(file, s, lookup, flavor, unset).run();
    }

    /** The entries as a map, later entries winning. */
    static Map<String, String> toMap(List<Entry> entries) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.put(e.key, e.value);
        }
        return m;
    }

    private List<Entry> run() throws ProjectLoadException {
        List<Entry> out = new ArrayList<>();
        Map<String, String> parsed = new LinkedHashMap<>();
        Function<String, String> look = k -> {
            String v = lookup.apply(k);
            return v != null ? v : parsed.get(k);
        };
        while (true) {
            skipBlankAndComments();
            if (pos >= src.length()) {
                break;
            }
            Entry e = assignment(look);
            if (e != null) {
                out.add(e);
                parsed.put(e.key(), e.value());
            }
        }
        return out;
    }

    /** One line's assignment from the current position; null when the line assigns nothing. */
    private Entry assignment(Function<String, String> look) throws ProjectLoadException {
        int n = src.length();
        int keyLine = line;
        int keyCol = pos - lineStart + 1;
        if (startsWithExport()) {
            pos += 6;
            while (pos < n && isSpace(src.charAt(pos))) {
                pos++;
            }
        }
        int keyStart = pos;
        char sep = keyEnd(keyStart, keyLine, keyCol);
        String key = src.substring(keyStart, pos).strip();
        Source where = new Source(file, keyLine, keyCol);
        if (key.indexOf(' ') >= 0 || key.indexOf('\t') >= 0) {
            throw error(keyLine, keyCol, "key cannot contain a space");
        }
        if (flavor == ComposeFlavor.V1 && sep == ':') {
            // python-dotenv warns "could not parse statement" and skips the line
            while (pos < n && src.charAt(pos) != '\n') {
                pos++;
            }
            return null;
        }
        if (sep == 0 || sep == '\n') {
            // bare KEY: inherited from the environment, else left unset
            if (key.isEmpty()) {
                throw error(keyLine, keyCol, "zero length string");
            }
            String v = lookup.apply(key);
            return v == null ? null : new Entry(key, v, where);
        }
        if (key.isEmpty()) {
            throw error(keyLine, keyCol, "zero length variable name");
        }
        pos++; // separator
        while (pos < n && isSpace(src.charAt(pos))) {
            pos++;
        }
        return new Entry(key, value(look, keyLine, keyCol), where);
    }

    /** Moves to the end of the key: the separator ({@code = : \n}) or 0 at the end of input. */
    private char keyEnd(int keyStart, int keyLine, int keyCol) throws ProjectLoadException {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '=' || c == ':' || c == '\n') {
                return c;
            }
            if (isSpace(c) || c == '_' || c == '.' || c == '-' || c == '[' || c == ']'
                    || Character.isLetterOrDigit(c)) {
                pos++;
                continue;
            }
            // only the name up to the bad character: the rest of the line may hold the value (a secret)
            throw error(keyLine, keyCol, "unexpected character \"" + printable(c) + "\" in variable name \""
                    + src.substring(keyStart, pos).trim() + "\"");
        }
        return 0;
    }

    private boolean startsWithExport() {
        return src.startsWith("export", pos) && pos + 6 < src.length() && isSpace(src.charAt(pos + 6));
    }

    private String value(Function<String, String> look, int keyLine, int keyCol) throws ProjectLoadException {
        int n = src.length();
        char q = pos < n ? src.charAt(pos) : 0;
        if (q != '\'' && q != '"') {
            int eol = src.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            String v = src.substring(pos, end);
            int hash = v.indexOf(" #");
            if (hash >= 0) {
                v = v.substring(0, hash);
            }
            v = stripTrailing(v);
            pos = end;
            return expand(v, look, keyLine, keyCol);
        }
        StringBuilder chars = new StringBuilder();
        boolean escape = false;
        int startLine = line;
        for (int i = pos + 1; i < n; i++) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
            if (c != q) {
                if (!escape && c == '\\') {
                    escape = true;
                    continue;
                }
                if (escape) {
                    escape = false;
                    chars.append('\\');
                }
                chars.append(c);
                continue;
            }
            if (escape) {
                escape = false;
                chars.append(c);
                continue;
            }
            pos = i + 1;
            // the rest of the line after the closing quote: whitespace and an optional comment
            skipInlineRest();
            String v = chars.toString();
            if (q == '"') {
                v = expand(expandEscapes(v), look, keyLine, keyCol);
            }
            return v; // single quotes: literal (\' already handled)
        }
        throw error(startLine, keyCol, "unterminated quoted value (the value is not shown: it may be a secret)");
    }

    private void skipInlineRest() {
        int n = src.length();
        while (pos < n && isSpace(src.charAt(pos))) {
            pos++;
        }
        if (pos < n && src.charAt(pos) == '#') {
            while (pos < n && src.charAt(pos) != '\n') {
                pos++;
            }
        }
    }

    private String expand(String v, Function<String, String> look, int l, int c) throws ProjectLoadException {
        try {
            return new Interpolator(look, flavor == ComposeFlavor.V1 ? ComposeFlavor.V1 : ComposeFlavor.V2, unset)
                    .interpolate(v);
        } catch (Interpolator.InterpolationException e) {
            throw error(l, c, Interpolator.redacted(e)); // a dotenv value may be a secret
        }
    }

    /** {@code \a \b \f \n \r \t \v \\ \" \$ \0NNN}; {@code \$} becomes {@code $$} so interpolation keeps a literal $. */
    static String expandEscapes(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'a': b.append('\u0007'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'v': b.append('\u000B'); break;
                case '$': b.append("$$"); break;
                case '0': {
                    int v = 0;
                    int k = 0;
                    while (k < 3 && i + 1 < n && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                        v = v * 8 + (s.charAt(++i) - '0');
                        k++;
                    }
                    b.append((char) v);
                    break;
                }
                default: b.append(e); break;
            }
        }
        return b.toString();
    }

    private void skipBlankAndComments() {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (isSpace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < n && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u00A0' || c == '\u0085';
    }

    private static String stripTrailing(String v) {
        int e = v.length();
        while (e > 0 && Character.isWhitespace(v.charAt(e - 1))) {
            e--;
        }
        return v.substring(0, e);
    }

    private ProjectLoadException error(int l, int c, String msg) {
        return new ProjectLoadException(new Source(file, l, c), msg);
    }
}
