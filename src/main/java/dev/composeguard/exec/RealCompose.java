package dev.composeguard.exec;

import java.nio.file.Path;

/**
 * The compose binary the guard hands over to.
 *
 * @param path   absolute path of the executable
 * @param plugin true for a docker CLI plugin binary ({@code cli-plugins/docker-compose}, compose v2+); false for
 *               a standalone {@code docker-compose} (v1, or v2 standalone)
 * @param origin how it was found, for {@code doctor} and error messages
 */
public record RealCompose(Path path, boolean plugin, String origin) {
}
