package dev.composeguard.project;

import java.util.LinkedHashMap;
import java.util.Map;

/** A YAML mapping with string keys, in file order; each key keeps where it was written. */
final class YMap extends YNode {
    final LinkedHashMap<String, YNode> entries = new LinkedHashMap<>();
    final Map<String, Source> keySources = new LinkedHashMap<>();

    YMap(Source source) {
        super(source);
    }

    YNode get(String key) {
        return entries.get(key);
    }

    void put(String key, YNode value, Source keySource) {
        entries.put(key, value);
        keySources.put(key, keySource == null ? value.source : keySource);
    }

    void remove(String key) {
        entries.remove(key);
        keySources.remove(key);
    }

    Source keySource(String key) {
        Source s = keySources.get(key);
        return s == null ? Source.NONE : s;
    }

    /** The scalar string at {@code key}, or null when absent, null or not a scalar. */
    String string(String key) {
        YNode n = entries.get(key);
        return n instanceof YScalar s ? s.value() : null;
    }

    YMap map(String key) {
        YNode n = entries.get(key);
        return n instanceof YMap m ? m : null;
    }

    @Override
    YMap copy() {
        YMap c = new YMap(source);
        c.tag = tag;
        for (Map.Entry<String, YNode> e : entries.entrySet()) {
            c.entries.put(e.getKey(), e.getValue().copy());
        }
        c.keySources.putAll(keySources);
        return c;
    }

    @Override
    String kind() {
        return "mapping";
    }
}
