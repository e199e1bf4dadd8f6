package dev.composeguard.project;

import java.nio.file.Path;

/**
 * One entry of a service's {@code env_file:} (short or long syntax).
 *
 * @param rawPath  the path as written, after interpolation
 * @param path     the absolute path compose will read
 * @param required false for {@code required: false}
 * @param format   {@code raw} or null
 * @param source   where the entry is
 */
public record EnvFileRef(String rawPath, Path path, boolean required, String format, Source source) {
}
