package dev.composeguard.project;

import java.util.ArrayList;
import java.util.List;

/** A YAML sequence. */
final class YSeq extends YNode {
    final List<YNode> items = new ArrayList<>();

    YSeq(Source source) {
        super(source);
    }

    @Override
    YSeq copy() {
        YSeq c = new YSeq(source);
        c.tag = tag;
        for (YNode n : items) {
            c.items.add(n.copy());
        }
        return c;
    }

    @Override
    String kind() {
        return "sequence";
    }
}
