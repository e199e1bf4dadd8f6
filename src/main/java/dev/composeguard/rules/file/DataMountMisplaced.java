package dev.composeguard.rules.file;

import dev.composeguard.rules.Finding;
import dev.composeguard.rules.FileContext;
import dev.composeguard.rules.FileRule;
import dev.composeguard.rules.Severity;
import dev.composeguard.project.Mount;
import dev.composeguard.project.Service;
import dev.composeguard.project.StatefulImages;
import java.util.List;

/**
 * CG112: a volume is mounted where the image does not keep its data, or the image's own {@code VOLUME} shadows
 * it. Either way the data lives in an anonymous volume ({@code down -v} deletes it, {@code up -V} replaces it)
 * while the named volume or host directory everyone backs up stays empty. The classic cases: {@code postgres:18}
 * keeps its data in {@code /var/lib/postgresql/18/docker} under {@code VOLUME /var/lib/postgresql}, so a volume at
 * the old {@code /var/lib/postgresql/data} holds nothing; {@code postgres:16} with a volume at the parent
 * {@code /var/lib/postgresql} gets an anonymous volume over its {@code VOLUME /var/lib/postgresql/data}.
 */
public final class DataMountMisplaced implements FileRule {
    @Override
    public String code() {
        return "CG112";
    }

    @Override
    public String name() {
        return "data-mount-misplaced";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A volume is mounted where the image does not keep its data, or the image's own VOLUME shadows it: "
                + "the data goes to an anonymous volume.";
    }

    @Override
    public List<Finding> check(FileContext ctx) {
        PlaceGroups out = new PlaceGroups(this);
        for (Service s : ctx.project().activeServices()) {
            StatefulImages.Kind k = ctx.stateful(s);
            if (k == null || k.declaredVolumes().isEmpty()) {
                continue;
            }
            DataPlacement p = DataPlacement.of(s, k);
            String dir = k.dataDirs().get(0);
            for (DataPlacement.Misplaced m : p.misplaced()) {
                out.add(defaultSeverity(), m.mount().declared(), s.name(), " (" + k.label() + ") keeps its data in "
                        + dir + ", but " + what(ctx, m.mount()) + " is mounted at " + m.mount().target()
                        + ", which holds none of it: the data goes to an anonymous volume on the image's VOLUME "
                        + m.imageVolume() + " (down -v deletes it, up -V replaces it)",
                        "mount it at " + m.imageVolume() + " (the image's VOLUME, which holds " + dir + ")"
                                + (k.family().equals("postgres") ? ", or pin the image to the major version whose "
                                        + "layout the volume was made for (postgres:17 for /var/lib/postgresql/data)" : ""));
            }
            for (DataPlacement.Shadow sh : p.shadows()) {
                String tail = " (" + k.label() + ") mounts " + what(ctx, sh.mount()) + " at " + sh.mount().target()
                        + ", but the image declares VOLUME " + sh.imageVolume() + " below it: Docker mounts an anonymous"
                        + " volume there" + (sh.data() ? ", so the data in " + dir + " is not in the mounted volume"
                                : ", which hides that part of the mounted volume");
                out.add(sh.data() ? defaultSeverity() : Severity.INFO, sh.mount().declared(), s.name(), tail,
                        "mount it at " + sh.imageVolume() + " itself" + (sh.data() ? " (the data directory's VOLUME)" : ""));
            }
        }
        return out.findings();
    }

    static String what(FileContext ctx, Mount m) {
        return m.isNamedVolume() ? "volume " + m.source() : "bind mount " + ctx.rel(java.nio.file.Path.of(m.source()));
    }
}
