package dev.composeguard.project;

/**
 * An interpolation of a variable that was unset and had no default ({@code $VAR}, {@code ${VAR}}): compose
 * substitutes an empty string and prints a warning.
 */
public record VariableUse(String name, Source source) {
}
