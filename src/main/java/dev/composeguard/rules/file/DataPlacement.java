package dev.composeguard.rules.file;

import dev.composeguard.project.Mount;
import dev.composeguard.project.Service;
import dev.composeguard.project.StatefulImages;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a stateful service's data really ends up, given its mounts and the image's own {@code VOLUME}s (shared by
 * CG106, CG111 and CG112).
 *
 * @param kind      the image's kind
 * @param dataMount the mount that holds a data directory, or null
 * @param misplaced named volumes and bind mounts inside the image VOLUME that holds the data directory, but not
 *                  on the data directory: the volume stays empty and the data goes to the anonymous volume Docker
 *                  puts on the image VOLUME
 * @param shadows   named volumes and bind mounts on a parent of an image VOLUME that no mount targets exactly:
 *                  Docker puts an anonymous volume over that part of them
 */
public record DataPlacement(StatefulImages.Kind kind, Mount dataMount, List<Misplaced> misplaced, List<Shadow> shadows) {

    /** A mount that holds nothing of the data; the data is in the anonymous volume on {@code imageVolume}. */
    public record Misplaced(Mount mount, String imageVolume) {
    }

    /** A mount under which the image VOLUME {@code imageVolume} gets an anonymous volume; {@code data}: it holds the data. */
    public record Shadow(Mount mount, String imageVolume, boolean data) {
    }

    public static DataPlacement of(Service s, StatefulImages.Kind k) {
        Mount data = StatefulImages.dataMount(s, k);
        List<Misplaced> misplaced = new ArrayList<>();
        List<Shadow> shadows = new ArrayList<>();
        for (Mount m : s.mounts()) {
            if (m.target() == null || !(m.isNamedVolume() || m.isBind()) || looksLikeFile(m.target())) {
                continue;
            }
            for (String v : k.declaredVolumes()) {
                boolean inside = StatefulImages.covers(v, m.target()) && !v.equals(m.target());
                if (data == null && inside && !m.readOnly() && StatefulImages.isDataPath(k, v)) {
                    misplaced.add(new Misplaced(m, v));
                }
                boolean parent = StatefulImages.covers(m.target(), v) && !v.equals(m.target());
                if (parent && !closerMount(s, m, v)) {
                    shadows.add(new Shadow(m, v, k.dataDirs().stream().anyMatch(d -> StatefulImages.covers(v, d))));
                }
            }
        }
        return new DataPlacement(k, data, List.copyOf(misplaced), List.copyOf(shadows));
    }

    /** True when another mount sits between {@code m} and the image VOLUME {@code v} (or on it). */
    private static boolean closerMount(Service s, Mount m, String v) {
        return s.mounts().stream().anyMatch(o -> o != m && o.target() != null && StatefulImages.covers(o.target(), v)
                && o.target().length() > m.target().length());
    }

    /** {@code /etc/app/config.yml}: a file, not a directory someone meant for data. */
    public static boolean looksLikeFile(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot > 0 && dot < last.length() - 2 && last.length() - dot <= 6
                && last.substring(dot + 1).chars().allMatch(Character::isLetterOrDigit)
                && !last.substring(dot + 1).chars().allMatch(Character::isDigit);
    }
}
