package dev.composeguard.project;

/**
 * An interpolation of a variable that was unset and had no default ({@code $VAR}, {@code ${VAR}}): compose
 * substitutes an empty string and prints a warning.
 *
 * @param name   the variable
 * @param source where the interpolated value is written
 * @param path   where the value lands in the model ({@code services.web.volumes[0]}, {@code name}); empty when it
 *               is not in a compose file (an {@code .env} line)
 */
public record VariableUse(String name, Source source, String path) {
    public VariableUse {
        path = path == null ? "" : path;
    }

    public VariableUse(String name, Source source) {
        this(name, source, "");
    }
}
