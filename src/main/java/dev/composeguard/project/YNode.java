package dev.composeguard.project;

/**
 * A node of a compose file's YAML tree, as the loader works on it: mappings with string keys, sequences and
 * scalars, each with its {@link Source}. Aliases and merge keys are already expanded. Mutable on purpose: the
 * loader interpolates and merges in place on its own copies.
 */
abstract class YNode {
    /** {@code !reset} / {@code !override} tags (compose-spec merge control), or NONE. */
    enum Tag { NONE, RESET, OVERRIDE }

    Source source;
    Tag tag = Tag.NONE;

    YNode(Source source) {
        this.source = source == null ? Source.NONE : source;
    }

    /** A deep copy (merging never shares nodes between files). */
    abstract YNode copy();

    /** Short kind name for error messages. */
    abstract String kind();
}
