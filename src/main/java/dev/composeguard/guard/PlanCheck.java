package dev.composeguard.guard;

import dev.composeguard.plan.ContainerData;
import dev.composeguard.plan.DestroyPlan;
import dev.composeguard.plan.PlanEntry;
import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a consent was given for (issue 11, row 8): the files compose will read, by content hash, and what the plan
 * deletes. After the question the guard re-loads and re-plans; any difference stops the call with nothing deleted,
 * because compose would act on something that was neither shown nor backed up.
 *
 * @param lines one line per file and per planned item, sorted
 */
record PlanCheck(List<String> lines) {

    PlanCheck {
        lines = List.copyOf(lines);
    }

    static PlanCheck of(Project project, DestroyPlan plan) {
        TreeSet<String> out = new TreeSet<>();
        if (project != null) {
            out.add("project " + project.name().value());
            for (ComposeFile f : project.files()) {
                out.add("file " + f.path() + " " + f.sha256());
            }
            for (EnvFile f : project.envFiles()) {
                out.add("env file " + f.path() + " " + (f.exists() ? f.sha256() : "absent"));
            }
        }
        for (PlanEntry v : plan.volumes()) {
            out.add("volume " + v.volume() + " " + v.reason());
        }
        for (ContainerData d : plan.containerData()) {
            out.add("container " + d.containerId() + " " + d.path());
        }
        return new PlanCheck(new ArrayList<>(out));
    }

    /** The first difference from {@code now} in words, or null when nothing changed. */
    String difference(PlanCheck now) {
        for (String l : lines) {
            if (!now.lines.contains(l)) {
                return "gone or changed: " + l;
            }
        }
        for (String l : now.lines) {
            if (!lines.contains(l)) {
                return "new: " + l;
            }
        }
        return null;
    }
}
