package dev.composeguard.rules;

import dev.composeguard.project.ImageConfig;
import dev.composeguard.project.Layer;
import dev.composeguard.project.Project;
import dev.composeguard.project.Service;
import dev.composeguard.project.StatefulImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule may look at: the loaded project, the configuration, the inferred environment, the working directory
 * (for printing paths), the file system (existence checks only) and the other environments' compose files.
 */
public final class FileContext {
    private final Project project;
    private final RuleConfig config;
    private final Environments.Selection environment;
    private final Path cwd;
    private final Siblings siblings;
    private final Images images;
    private List<SiblingLayer> siblingLayers;
    private Map<String, ImageConfig> imageConfigs;

    /** A compose file for another environment in the project directory, parsed on its own. */
    public record SiblingLayer(String environment, Layer layer) {
    }

    /** Finds and parses the other environments' compose files (docker-compose.dev.yml next to .prod.yml …). */
    @FunctionalInterface
    public interface Siblings {
        List<SiblingLayer> load(Project project);

        Siblings NONE = p -> List.of();
    }

    /** What the local engine knows about images (one batched, time-bounded lookup, or none). */
    @FunctionalInterface
    public interface Images {
        Map<String, ImageConfig> inspect(Collection<String> refs);

        Images NONE = refs -> Map.of();
    }

    public FileContext(Project project, RuleConfig config, Path cwd, Siblings siblings) {
        this(project, config, cwd, siblings, Images.NONE);
    }

    public FileContext(Project project, RuleConfig config, Path cwd, Siblings siblings, Images images) {
        this.project = project;
        this.images = images == null ? Images.NONE : images;
        this.config = config == null ? RuleConfig.EMPTY : config;
        this.cwd = cwd == null ? project.workingDir() : cwd;
        this.siblings = siblings == null ? Siblings.NONE : siblings;
        this.environment = Environments.infer(project, this.config, this.cwd);
    }

    public Project project() {
        return project;
    }

    public RuleConfig config() {
        return config;
    }

    public Environments.Selection environment() {
        return environment;
    }

    public Path cwd() {
        return cwd;
    }

    /** Whether a path exists (a rule's only kind of file-system access). */
    public boolean exists(Path p) {
        return p != null && Files.exists(p);
    }

    /** {@code p} as printed: relative to the working directory. */
    public String rel(Path p) {
        return Paths.rel(cwd, p);
    }

    public String at(dev.composeguard.project.Source s) {
        return Paths.at(cwd, s);
    }

    /** The other environments' compose files, parsed once on first use. */
    public List<SiblingLayer> siblingLayers() {
        if (siblingLayers == null) {
            List<SiblingLayer> l;
            try {
                l = siblings.load(project);
            } catch (RuntimeException e) {
                l = List.of();
            }
            siblingLayers = l == null ? List.of() : List.copyOf(l);
        }
        return siblingLayers;
    }

    /** The stateful kind of a service's image (table, then the engine's facts when it has the image), or null. */
    public StatefulImages.Kind stateful(Service s) {
        return StatefulImages.of(s, s.image() == null ? null : imageConfigs().get(s.image()));
    }

    private Map<String, ImageConfig> imageConfigs() {
        if (imageConfigs == null) {
            Collection<String> refs = new LinkedHashSet<>(project.activeServices().stream().map(Service::image)
                    .filter(Objects::nonNull).toList());
            Map<String, ImageConfig> m;
            try {
                m = images.inspect(refs);
            } catch (RuntimeException e) {
                m = Map.of();
            }
            imageConfigs = m == null ? Map.of() : Map.copyOf(m);
        }
        return imageConfigs;
    }
}
