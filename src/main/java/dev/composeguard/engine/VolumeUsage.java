package dev.composeguard.engine;

/**
 * What a volume holds.
 *
 * @param bytes   total size of regular files
 * @param entries number of entries (files, directories, links) below the volume root
 */
public record VolumeUsage(long bytes, long entries) {
    public boolean isEmpty() {
        return entries == 0;
    }
}
