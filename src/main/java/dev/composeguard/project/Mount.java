package dev.composeguard.project;

/**
 * One entry of a service's {@code volumes:} (short or long syntax).
 *
 * @param type     volume, bind, tmpfs …
 * @param source   the top-level volume key (named volume), the absolute host path (bind), or null (anonymous)
 * @param target   the container path, cleaned
 * @param readOnly {@code :ro} / {@code read_only: true}
 * @param declared where the entry is
 */
public record Mount(MountType type, String source, String target, boolean readOnly, Source declared) {

    public boolean isNamedVolume() {
        return type == MountType.VOLUME && source != null && !source.isEmpty();
    }

    public boolean isAnonymousVolume() {
        return type == MountType.VOLUME && (source == null || source.isEmpty());
    }

    public boolean isBind() {
        return type == MountType.BIND;
    }
}
