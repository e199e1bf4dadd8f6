package dev.composeguard.project;

/**
 * The project cannot be loaded: broken YAML, a missing file, an unset required variable, an include cycle …
 * The message is one line; {@link #source()} says where ({@code file:line:col}).
 */
public class ProjectLoadException extends Exception {
    private final transient Source source;

    public ProjectLoadException(Source source, String message) {
        super(message);
        this.source = source == null ? Source.NONE : source;
    }

    public ProjectLoadException(Source source, String message, Throwable cause) {
        super(message, cause);
        this.source = source == null ? Source.NONE : source;
    }

    public Source source() {
        return source;
    }

    /** {@code file:line:col: message}, or the message alone when the place is unknown. */
    public String oneLine() {
        String where = source.toString();
        return where.isEmpty() ? getMessage() : where + ": " + getMessage();
    }
}
