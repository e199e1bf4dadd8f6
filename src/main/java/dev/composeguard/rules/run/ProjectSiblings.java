package dev.composeguard.rules.run;

import dev.composeguard.rules.Environments;
import dev.composeguard.rules.FileContext;
import dev.composeguard.invocation.GlobalOptions;
import dev.composeguard.project.ComposeFile;
import dev.composeguard.project.EnvFile;
import dev.composeguard.project.EnvFileRole;
import dev.composeguard.project.FileRole;
import dev.composeguard.project.Layer;
import dev.composeguard.project.LoadRequest;
import dev.composeguard.project.Project;
import dev.composeguard.project.ProjectLoadException;
import dev.composeguard.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The other environments' compose files in the project directory ({@code docker-compose.dev.yml} when linting
 * {@code docker-compose.prod.yml} …), each loaded as a separate project on top of the selection's base file, with
 * the same project name and env files, so that CG105 can compare data mounts between environments.
 */
public final class ProjectSiblings implements FileContext.Siblings {
    private static final Pattern COMPOSE_NAME = Pattern.compile("^(docker-)?compose[._-].+\\.ya?ml$");
    private static final int MAX = 8;
    private final Path cwd;
    private final Map<String, String> env;

    public ProjectSiblings(Path cwd, Map<String, String> env) {
        this.cwd = cwd;
        this.env = env;
    }

    @Override
    public List<FileContext.SiblingLayer> load(Project project) {
        List<ComposeFile> mains = project.files().stream()
                .filter(f -> f.role() != FileRole.INCLUDE && f.role() != FileRole.EXTENDS && f.role() != FileRole.STDIN)
                .toList();
        if (mains.isEmpty()) {
            return List.of();
        }
        Path base = mains.get(0).path();
        Path dir = base.getParent();
        Set<Path> loaded = project.files().stream().map(f -> f.path().normalize()).collect(Collectors.toSet());
        List<Path> candidates;
        try (Stream<Path> s = Files.list(dir)) {
            candidates = s.filter(p -> COMPOSE_NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !loaded.contains(p.normalize()))
                    .filter(p -> Environments.ofPath(p) != null)
                    .sorted().limit(MAX).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        List<String> envFiles = project.envFiles().stream().filter(f -> f.role() == EnvFileRole.FLAG)
                .map(EnvFile::path).map(Path::toString).toList();
        List<FileContext.SiblingLayer> out = new ArrayList<>();
        for (Path sib : candidates) {
            GlobalOptions opts = new GlobalOptions(List.of(base.toString(), sib.toString()), project.name().value(),
                    project.workingDir().toString(), envFiles, project.activeProfiles(), false, false, null);
            try {
                Project p = ProjectLoader.load(new LoadRequest(cwd, env, opts, project.flavor(), null, List.of()));
                for (Layer l : p.layers()) {
                    if (l.file().path().normalize().equals(sib.normalize())) {
                        out.add(new FileContext.SiblingLayer(Environments.ofPath(sib), l));
                    }
                }
            } catch (ProjectLoadException | RuntimeException e) {
                // A sibling that does not load on top of the base is not this selection's problem.
            }
        }
        return out;
    }
}
