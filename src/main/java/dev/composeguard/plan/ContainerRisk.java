package dev.composeguard.plan;

import dev.composeguard.engine.ContainerMount;
import dev.composeguard.engine.EngineContainer;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.project.StatefulImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Data of database containers that is on no volume and goes with the container (issue 11, row 7): every command
 * that removes or may recreate the container. compose recreates a container when its configuration hash or image
 * changed; the guard cannot compute that hash, so any {@code up}/{@code create} without {@code --no-recreate} counts
 * (over-approximation: it backs up more, never less).
 */
final class ContainerRisk {
    private ContainerRisk() {
    }

    /**
     * @param scope          the containers the call acts on
     * @param all            every container of the project (for volumes compose recreates)
     * @param recreatedUsers services whose containers compose removes to recreate a diverged volume
     */
    static List<ContainerData> scan(DestructiveCall call, List<EngineContainer> scope, List<EngineContainer> all,
            Set<String> recreatedUsers, Project project, List<String> notes) {
        List<ContainerData> out = new ArrayList<>();
        for (EngineContainer c : all) {
            String why = reason(call, scope.contains(c), c, recreatedUsers);
            if (why == null) {
                continue;
            }
            String dir = StatefulImages.dataDir(imageOf(c, project));
            if (dir == null) {
                continue;
            }
            ContainerMount m = Planner.mountCovering(c, dir);
            if (m == null) {
                out.add(new ContainerData(c.id(), c.name(), c.service(), dir, "on no volume: " + why));
            } else if (Planner.isAnonymous(m.name()) && (call.forceRecreate() || call.command().equals("up"))) {
                notes.add(c.service() + ": " + dir + " is on an anonymous volume (" + Planner.shortName(m.name())
                        + "); it survives a recreate but not down -v, rm -v or up -V");
            }
        }
        return out;
    }

    /** What the call does to container {@code c}, or null when it leaves it alone. */
    private static String reason(DestructiveCall call, boolean inScope, EngineContainer c, Set<String> recreatedUsers) {
        if (recreatedUsers.contains(c.service())) {
            return "compose removes the container to recreate a volume it mounts";
        }
        if (!inScope) {
            return null;
        }
        switch (call.command()) {
            case "down":
                return "lost when down removes the container";
            case "rm":
                return c.running() && !call.stopFirst()
                        ? "lost when rm removes the container (running now: removed if it stops before compose runs)"
                        : "lost when rm removes the container";
            case "up":
            case "create":
                if (call.forceRecreate()) {
                    return "lost when the container is recreated";
                }
                return call.noRecreate() ? null
                        : "lost if compose recreates the container (a changed configuration, .env value or image)";
            default:
                return null;
        }
    }

    private static String imageOf(EngineContainer c, Project project) {
        if (project != null && c.service() != null) {
            Service s = project.services().get(c.service());
            if (s != null && s.image() != null) {
                return s.image();
            }
        }
        return c.image();
    }
}
