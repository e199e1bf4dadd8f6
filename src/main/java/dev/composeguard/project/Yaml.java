package dev.composeguard.project;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * Parses compose YAML the way compose v2 (go-yaml) reads it, through snakeyaml-engine's node API: scalars
 * resolved by {@link Scalars}, duplicate keys and non-string keys rejected, {@code <<} merge keys and aliases
 * expanded under an explicit budget, a nesting-depth limit, {@code !reset}/{@code !override} tags kept. Every
 * node gets its file/line/column (1-based).
 */
final class Yaml {
    /** Node visits caused by alias expansion allowed per document (compose-go caps visits at 100 000). */
    static final int ALIAS_BUDGET = 100_000;
    /** Deepest nesting accepted. */
    static final int MAX_DEPTH = 256;
    /** Largest file accepted, in code points (compose files are small; this stops pathological input). */
    static final int CODE_POINT_LIMIT = 16 * 1024 * 1024;
    /**
     * Longest line accepted, in chars. snakeyaml's scanner costs time quadratic in the length of a line (1 MiB of
     * plain scalar: seconds), so the parse time is bounded by file size × this; compose files have short lines.
     */
    static final int MAX_LINE = 64 * 1024;

    private final Path file;
    private final boolean allowDuplicateKeys;
    private final IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
    private final IdentityHashMap<Node, Boolean> onPath = new IdentityHashMap<>();
    private int aliasVisits;

    private Yaml(Path file, boolean allowDuplicateKeys) {
        this.file = file;
        this.allowDuplicateKeys = allowDuplicateKeys;
    }

    /** Every document of the file; documents that are empty are skipped. v1 (PyYAML) kept duplicate keys. */
    static List<YMap> parse(byte[] bytes, Path file, ComposeFlavor flavor) throws ProjectLoadException {
        String text = decode(bytes, file);
        if (text.length() > CODE_POINT_LIMIT && text.codePointCount(0, text.length()) > CODE_POINT_LIMIT) {
            throw new ProjectLoadException(Source.of(file), "yaml: the file is larger than " + CODE_POINT_LIMIT
                    + " code points");
        }
        checkLineLength(text, file);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file.toString())
                .setSchema(new FailsafeSchema())
                .setAllowDuplicateKeys(true) // checked here, with compose's message
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(Integer.MAX_VALUE) // our own budget below
                .setCodePointLimit(CODE_POINT_LIMIT)
                .setUseMarks(true)
                .build();
        List<YMap> docs = new ArrayList<>();
        try {
            for (Node root : new Compose(settings).composeAllFromReader(new StringReader(text))) {
                Yaml y = new Yaml(file, flavor == ComposeFlavor.V1);
                YNode n = y.convert(root, 0, "");
                if (n instanceof YMap m) {
                    docs.add(m);
                } else if (n instanceof YScalar s && s.isNull()) {
                    continue;
                } else {
                    throw new ProjectLoadException(n.source, "top-level object must be a mapping, not a " + n.kind());
                }
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> m = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            String msg = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            if (e.getContext() != null && !e.getContext().isEmpty()) {
                msg = e.getContext() + ": " + msg;
            }
            throw new ProjectLoadException(source(file, m), "yaml: " + oneLine(msg));
        } catch (YamlEngineException e) {
            throw new ProjectLoadException(Source.of(file), "yaml: " + oneLine(String.valueOf(e.getMessage())));
        } catch (StackOverflowError e) {
            throw new ProjectLoadException(Source.of(file), "yaml: document is nested too deeply");
        }
        return docs;
    }

    /** Strict UTF-8, as go-yaml reads it: an invalid byte sequence is an error at its line, never replaced. */
    static String decode(byte[] bytes, Path file) throws ProjectLoadException {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(in).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int at = in.position();
            int line = 1;
            int col = 1;
            for (int i = 0; i < at && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    col = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    col++;
                }
            }
            throw new ProjectLoadException(new Source(file, line, col), "yaml: invalid UTF-8 (byte " + at + ")");
        }
    }

    private static void checkLineLength(String text, Path file) throws ProjectLoadException {
        int start = 0;
        int line = 1;
        int n = text.length();
        while (start <= n) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            if (end - start > MAX_LINE) {
                throw new ProjectLoadException(new Source(file, line, 1), "yaml: line is longer than " + MAX_LINE
                        + " characters (" + (end - start) + ")");
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
            line++;
        }
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').trim();
    }

    static Source source(Path file, Optional<Mark> mark) {
        return mark.map(m -> new Source(file, m.getLine() + 1, m.getColumn() + 1)).orElse(Source.of(file));
    }

    private Source src(Node n) {
        return source(file, n.getStartMark());
    }

    private YNode convert(Node node, int depth, String path) throws ProjectLoadException {
        if (depth > MAX_DEPTH) {
            throw new ProjectLoadException(src(node), "yaml: document is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (seen.put(node, Boolean.TRUE) != null && !(node instanceof ScalarNode)) {
            // second time this node is reached: it is an alias expansion, paid from the budget
            if (onPath.containsKey(node)) {
                throw new ProjectLoadException(src(node), "yaml: anchor refers to itself (recursive alias)");
            }
            aliasVisits += count(node);
            if (aliasVisits > ALIAS_BUDGET) {
                throw new ProjectLoadException(src(node), "yaml: document contains excessive aliasing");
            }
        }
        YNode.Tag tag = tagOf(node);
        YNode out;
        if (node instanceof ScalarNode s) {
            out = scalar(s);
        } else if (node instanceof SequenceNode seq) {
            onPath.put(node, Boolean.TRUE);
            YSeq y = new YSeq(src(node));
            int i = 0;
            for (Node item : seq.getValue()) {
                y.items.add(convert(item, depth + 1, path + "[" + i++ + "]"));
            }
            onPath.remove(node);
            out = y;
        } else {
            onPath.put(node, Boolean.TRUE);
            out = mapping((MappingNode) node, depth, path);
            onPath.remove(node);
        }
        out.tag = tag;
        return out;
    }

    /** Nodes under {@code node} (counting stops early once over budget). */
    private int count(Node node) {
        int[] n = {0};
        countInto(node, n, new IdentityHashMap<>());
        return n[0];
    }

    private void countInto(Node node, int[] n, IdentityHashMap<Node, Boolean> stack) {
        n[0]++;
        if (n[0] > ALIAS_BUDGET || stack.containsKey(node)) {
            return;
        }
        stack.put(node, Boolean.TRUE);
        if (node instanceof SequenceNode s) {
            for (Node c : s.getValue()) {
                countInto(c, n, stack);
            }
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                countInto(t.getValueNode(), n, stack);
            }
        }
        stack.remove(node);
    }

    private static YNode.Tag tagOf(Node node) {
        String t = node.getTag().getValue();
        if ("!reset".equals(t)) {
            return YNode.Tag.RESET;
        }
        if ("!override".equals(t)) {
            return YNode.Tag.OVERRIDE;
        }
        return YNode.Tag.NONE;
    }

    private YScalar scalar(ScalarNode s) {
        String value = s.getValue();
        YScalar.Kind kind;
        String t = s.getTag().getValue();
        if (!s.isPlain()) {
            kind = YScalar.Kind.STR;
        } else if (t.equals("tag:yaml.org,2002:str") && s.isResolved()) {
            kind = Scalars.resolve(value);
        } else if (t.equals("tag:yaml.org,2002:str")) {
            kind = YScalar.Kind.STR; // explicit !!str
        } else if (t.equals("tag:yaml.org,2002:int")) {
            kind = Scalars.resolve(value) == YScalar.Kind.INT ? YScalar.Kind.INT : YScalar.Kind.STR;
        } else if (t.equals("tag:yaml.org,2002:null")) {
            kind = YScalar.Kind.NULL;
        } else {
            kind = Scalars.resolve(value);
        }
        return new YScalar(value, kind, src(s));
    }

    private YMap mapping(MappingNode node, int depth, String path) throws ProjectLoadException {
        YMap out = new YMap(src(node));
        Map<String, Integer> explicitLines = new java.util.HashMap<>();
        List<YMap> merges = new ArrayList<>();
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            if (k instanceof ScalarNode ks && ks.isPlain() && "<<".equals(ks.getValue())) {
                Node v = t.getValueNode();
                if (v instanceof SequenceNode seq) {
                    for (Node item : seq.getValue()) {
                        YNode m = convert(item, depth + 1, path);
                        if (!(m instanceof YMap ym)) {
                            throw new ProjectLoadException(src(item), "yaml: map merge requires map or sequence of maps as the value");
                        }
                        merges.add(ym);
                    }
                } else {
                    YNode m = convert(v, depth + 1, path);
                    if (!(m instanceof YMap ym)) {
                        throw new ProjectLoadException(src(v), "yaml: map merge requires map or sequence of maps as the value");
                    }
                    merges.add(ym);
                }
                continue;
            }
            String key = key(k, path);
            Source ksrc = src(k);
            Integer prev = explicitLines.get(key);
            if (prev != null && !allowDuplicateKeys) {
                throw new ProjectLoadException(ksrc, "mapping key \"" + key + "\" already defined at line " + prev);
            }
            explicitLines.put(key, ksrc.line());
            YNode v = convert(t.getValueNode(), depth + 1, path.isEmpty() ? key : path + "." + key);
            out.put(key, v, ksrc);
        }
        // merged keys never beat explicit ones; among merged maps the first one listed wins
        for (YMap m : merges) {
            for (Map.Entry<String, YNode> e : m.entries.entrySet()) {
                if (!out.entries.containsKey(e.getKey())) {
                    out.put(e.getKey(), e.getValue().copy(), m.keySource(e.getKey()));
                }
            }
        }
        return out;
    }

    private String key(Node k, String path) throws ProjectLoadException {
        if (k instanceof ScalarNode ks) {
            YScalar s = scalar(ks);
            if (s.kind == YScalar.Kind.STR) {
                return s.text;
            }
            String where = path.isEmpty() ? "at top level" : "in " + path;
            throw new ProjectLoadException(s.source, "non-string key " + where + ": " + ks.getValue());
        }
        String where = path.isEmpty() ? "at top level" : "in " + path;
        throw new ProjectLoadException(src(k), "non-string key " + where + " (a " + k.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
