package dev.composeguard.project;

/**
 * One place that sets (or looks like it sets) the project name, with its raw value.
 *
 * @param origin  which kind of place
 * @param value   the value as written there (normalized form is computed by the caller when needed)
 * @param source  file:line, or {@link Source#NONE} for flags and the shell environment
 * @param effective true when compose honours this place at all (false for a service env_file)
 */
public record NameCandidate(NameOrigin origin, String value, Source source, boolean effective) {
}
