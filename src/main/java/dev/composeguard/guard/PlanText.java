package dev.composeguard.guard;

import dev.composeguard.backup.BackupStore;
import dev.composeguard.backup.Manifest;
import dev.composeguard.backup.Sizes;
import dev.composeguard.plan.ContainerData;
import dev.composeguard.plan.DestroyPlan;
import dev.composeguard.plan.PlanEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The plan as a human reads it before typing the project name (like a Terraform destroy plan). */
public final class PlanText {
    private PlanText() {
    }

    public static List<String> lines(DestroyPlan plan, BackupStore.StoredBackup backup, Instant now) {
        List<String> out = new ArrayList<>();
        out.add("compose " + plan.command() + " will destroy data of project \"" + plan.project() + "\":");
        out.add("");
        for (PlanEntry v : plan.volumes()) {
            out.add("  - volume " + v.volume() + "   " + Sizes.human(v.sizeBytes())
                    + (v.services().isEmpty() ? "" : "   services: " + String.join(", ", v.services())));
            out.add("      " + v.reason().text() + (v.note() == null ? "" : "; " + v.note()));
            out.add("      previous verified backup: " + age(v.newestBackup(), now));
            if (backup != null) {
                for (Manifest.VolumeArchive a : backup.manifest().volumes) {
                    if (v.volume().equals(a.name)) {
                        out.add("      backup just taken: " + backup.dir().resolve(a.archive) + " (" + a.entries
                                + " entries, " + Sizes.human(a.contentBytes) + ", verified)");
                    }
                }
            }
        }
        for (ContainerData d : plan.containerData()) {
            out.add("  - container " + d.container() + " " + d.path() + "   service: " + d.service());
            out.add("      " + d.reason());
            if (backup != null) {
                for (Manifest.VolumeArchive a : backup.manifest().volumes) {
                    if (d.container().equals(a.container) && d.path().equals(a.path)) {
                        out.add("      backup just taken: " + backup.dir().resolve(a.archive) + " (" + a.entries
                                + " entries, verified)");
                    }
                }
            }
        }
        if (backup != null) {
            for (Manifest.Dump d : backup.manifest().dumps) {
                out.add("  + logical dump of " + d.container + " (" + d.tool + "): " + backup.dir().resolve(d.file));
            }
        }
        plan.notes().forEach(n -> out.add("  note: " + n));
        out.add("");
        int n = plan.volumes().size();
        int d = plan.containerData().size();
        out.add("Plan: " + (n > 0 ? n + (n == 1 ? " volume" : " volumes") + " (" + Sizes.human(plan.totalBytes()) + ")" : "")
                + (n > 0 && d > 0 ? " and " : "")
                + (d > 0 ? d + (d == 1 ? " container data directory" : " container data directories") : "")
                + " to destroy in project \"" + plan.project() + "\"."
                + (backup == null ? "" : " Verified backup: " + backup.dir()));
        return out;
    }

    static String age(Instant t, Instant now) {
        if (t == null) {
            return "none";
        }
        Duration d = Duration.between(t, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toMinutes() < 2) {
            return d.toSeconds() + " s ago (" + t + ")";
        }
        if (d.toHours() < 2) {
            return d.toMinutes() + " min ago (" + t + ")";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h ago (" + t + ")";
        }
        return d.toDays() + " days ago (" + t + ")";
    }
}
