package dev.composeguard.project;

/**
 * A service's {@code build:} section, as merged.
 *
 * @param context       the build context as written (resolved against the project dir by the loader, or a URL)
 * @param dockerfile    the Dockerfile, or null
 * @param target        the build target, or null
 * @param source        where {@code build:} is
 * @param targetSource  where the effective {@code target:} is (NONE when there is no target)
 */
public record Build(String context, String dockerfile, String target, Source source, Source targetSource) {
}
