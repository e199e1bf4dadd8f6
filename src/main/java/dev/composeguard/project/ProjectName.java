package dev.composeguard.project;

import java.util.List;

/**
 * The effective project name and where it came from.
 *
 * @param value      the name compose will use (normalized as compose normalizes it)
 * @param origin     which place won
 * @param source     file:line of the winning place (NONE for a flag, the shell, a directory)
 * @param candidates every place that sets or seems to set the name, strongest first (the winner included)
 */
public record ProjectName(String value, NameOrigin origin, Source source, List<NameCandidate> candidates) {
    public ProjectName {
        candidates = List.copyOf(candidates);
    }
}
