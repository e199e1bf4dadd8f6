package dev.composeguard.project;

/**
 * The project cannot be loaded: broken YAML, a missing file, an unset required variable, an include cycle …
 * The message is one line; {@link #source()} says where ({@code file:line:col}).
 */
public class ProjectLoadException extends Exception {
    private final transient Source source;

    public ProjectLoadException(Source source, String message) {
        super(flat(message));
        this.source = source == null ? Source.NONE : source;
    }

    public ProjectLoadException(Source source, String message, Throwable cause) {
        super(flat(message), cause);
        this.source = source == null ? Source.NONE : source;
    }

    /** Errors are one line: line breaks that came from the input (keys, messages of {@code ${X?…}}) are shown escaped. */
    private static String flat(String message) {
        if (message == null) {
            return "error";
        }
        return message.replace("\r", "\\r").replace("\n", "\\n").replace("\u2028", " ").replace("\u2029", " ")
                .replace("\u0085", " ");
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
