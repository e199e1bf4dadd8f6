package dev.composeguard.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.composeguard.core.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The list and inspect calls of {@link DockerJavaEngine}: the {@link EngineReads} part that needs no helper container. */
final class DockerReads {
    private final DockerClient docker;
    private final DockerHttpClient http;

    DockerReads(DockerClient docker, DockerHttpClient http) {
        this.docker = docker;
        this.http = http;
    }

    List<EngineVolume> volumes(Map<String, String> labelFilter) {
        try {
            var cmd = docker.listVolumesCmd();
            List<String> labels = labelFilter(labelFilter);
            if (!labels.isEmpty()) {
                cmd.withFilter("label", labels);
            }
            var resp = cmd.exec();
            List<EngineVolume> out = new ArrayList<>();
            if (resp.getVolumes() != null) {
                for (InspectVolumeResponse v : resp.getVolumes()) {
                    out.add(new EngineVolume(v.getName(), v.getDriver(), v.getLabels(), null));
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot list volumes", e);
        }
    }

    private static List<String> labelFilter(Map<String, String> filter) {
        List<String> labels = new ArrayList<>();
        if (filter != null) {
            filter.forEach((k, v) -> labels.add(v == null || v.isEmpty() ? k : k + "=" + v));
        }
        return labels;
    }

    Optional<EngineVolume> volume(String name) {
        try {
            InspectVolumeResponse v = docker.inspectVolumeCmd(name).exec();
            return Optional.of(new EngineVolume(v.getName(), v.getDriver(), v.getLabels(), null));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot inspect volume " + name, e);
        }
    }

    /** The driver options of a volume (for a faithful re-creation on restore). */
    /** The readable directory of a plain local volume (driver {@code local}, no options), when this host has it. */
    Optional<Path> localMountpoint(String name) {
        try {
            InspectVolumeResponse v = docker.inspectVolumeCmd(name).exec();
            if (!"local".equals(v.getDriver()) || v.getMountpoint() == null
                    || v.getOptions() != null && !v.getOptions().isEmpty()) {
                return Optional.empty();
            }
            Path p = Path.of(v.getMountpoint());
            return Files.isDirectory(p) && Files.isReadable(p) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // the slow way still counts it
        }
    }

    Map<String, String> volumeOptions(String name) {
        try {
            Map<String, String> o = docker.inspectVolumeCmd(name).exec().getOptions();
            return o == null ? Map.of() : o;
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot inspect volume " + name, e);
        }
    }

    List<EngineContainer> containers(boolean all, Map<String, String> labelFilter) {
        try {
            List<EngineContainer> out = new ArrayList<>();
            for (Container c : list(all, labelFilter)) {
                InspectContainerResponse i;
                try {
                    i = docker.inspectContainerCmd(c.getId()).exec();
                } catch (NotFoundException gone) {
                    continue; // removed between list and inspect
                }
                List<ContainerMount> mounts = new ArrayList<>();
                if (i.getMounts() != null) {
                    for (var m : i.getMounts()) {
                        mounts.add(mount(m.getName(), m.getSource(),
                                m.getDestination() == null ? null : m.getDestination().getPath()));
                    }
                }
                List<String> env = i.getConfig() != null && i.getConfig().getEnv() != null
                        ? List.of(i.getConfig().getEnv()) : List.of();
                String state = i.getState() != null && i.getState().getStatus() != null ? i.getState().getStatus()
                        : c.getState();
                out.add(new EngineContainer(c.getId(), name(c), c.getImage(), i.getImageId(), state, c.getLabels(),
                        mounts, env));
            }
            return out;
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot list containers", e);
        }
    }

    List<EngineContainer> containerSummaries(boolean all, Map<String, String> labelFilter) {
        try {
            List<EngineContainer> out = new ArrayList<>();
            for (Container c : list(all, labelFilter)) {
                List<ContainerMount> mounts = new ArrayList<>();
                if (c.getMounts() != null) {
                    for (var m : c.getMounts()) {
                        mounts.add(mount(m.getName(), m.getSource(), m.getDestination()));
                    }
                }
                out.add(new EngineContainer(c.getId(), name(c), c.getImage(), c.getImageId(), c.getState(),
                        c.getLabels(), mounts, List.of()));
            }
            return out;
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot list containers", e);
        }
    }

    private List<Container> list(boolean all, Map<String, String> labelFilter) {
        var cmd = docker.listContainersCmd().withShowAll(all);
        List<String> labels = labelFilter(labelFilter);
        if (!labels.isEmpty()) {
            cmd.withLabelFilter(labels);
        }
        return cmd.exec();
    }

    /** docker-java's mount has no type: a named mount is a volume, else a bind (tmpfs mounts are not listed). */
    private static ContainerMount mount(String name, String source, String destination) {
        return new ContainerMount(name != null && !name.isEmpty() ? "volume" : "bind", name, source, destination);
    }

    private static String name(Container c) {
        String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0] : c.getId();
        return name.startsWith("/") ? name.substring(1) : name;
    }

    String serverVersion() {
        try {
            return docker.versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot read the engine version", e);
        }
    }

    Map<String, Long> volumeSizes() {
        var req = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/system/df?type=volume").build();
        try (DockerHttpClient.Response resp = http.execute(req)) {
            if (resp.getStatusCode() / 100 != 2) {
                throw new EngineUnavailableException("system df answered HTTP " + resp.getStatusCode(), null);
            }
            return EngineJson.volumeSizes(JsonCodec.MAPPER.readTree(resp.getBody()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineUnavailableException u) {
                throw u;
            }
            throw new EngineUnavailableException("cannot read volume sizes: " + DockerJavaEngine.oneLine(e), e);
        }
    }

    boolean imageExists(String image) {
        if (image == null || image.isEmpty()) {
            return false;
        }
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw DockerJavaEngine.fail("cannot inspect image " + image, e);
        }
    }
}
