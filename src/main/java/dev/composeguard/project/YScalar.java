package dev.composeguard.project;

/**
 * A scalar: its text and, for plain scalars, the type go-yaml resolves it to (YAML 1.2 core rules with Go's
 * integer syntax, see {@link Scalars}). Only {@link Kind#STR} scalars are interpolated.
 */
final class YScalar extends YNode {
    enum Kind { STR, INT, FLOAT, BOOL, NULL }

    /** The current text (after interpolation for strings). */
    String text;
    /** The text as written in the file (before interpolation). */
    final String raw;
    final Kind kind;

    YScalar(String text, Kind kind, Source source) {
        super(source);
        this.text = text;
        this.raw = text;
        this.kind = kind;
    }

    private YScalar(String text, String raw, Kind kind, Source source) {
        super(source);
        this.text = text;
        this.raw = raw;
        this.kind = kind;
    }

    static YScalar str(String text, Source source) {
        return new YScalar(text, Kind.STR, source);
    }

    /** The value as compose sees it as a string: ints in canonical decimal form, null as null. */
    String value() {
        switch (kind) {
            case NULL:
                return null;
            case INT:
                return Scalars.canonicalInt(text);
            case BOOL:
                return Scalars.canonicalBool(text);
            default:
                return text;
        }
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    YScalar copy() {
        YScalar c = new YScalar(text, raw, kind, source);
        c.tag = tag;
        return c;
    }

    /** A copy with another text (used for interpolation results that keep the raw text). */
    YScalar withText(String newText) {
        YScalar c = new YScalar(newText, raw, kind, source);
        c.tag = tag;
        return c;
    }

    @Override
    String kind() {
        return kind == Kind.STR ? "string" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
