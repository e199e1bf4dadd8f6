package dev.composeguard.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The container operations of {@link DockerJavaEngine} that start, stop, pause and exec (drills, stopping writers
 * before a consistent copy, replaying a dump): kept apart from the read path.
 */
final class ContainerOps {
    private final DockerClient docker;
    private final DockerClient streams;

    ContainerOps(DockerClient docker, DockerClient streams) {
        this.docker = docker;
        this.streams = streams;
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }

    private static EngineUnavailableException fail(String what, RuntimeException e) {
        return new EngineUnavailableException(what + ": " + DockerJavaEngine.oneLine(e), e);
    }

    ContainerRuntime runtime(String containerId) {
        try {
            InspectContainerResponse i = docker.inspectContainerCmd(containerId).exec();
            var c = i.getConfig();
            HealthCheck h = c == null ? null : c.getHealthcheck();
            return new ContainerRuntime(c == null ? null : c.getImage(), i.getImageId(),
                    c == null || c.getEntrypoint() == null ? List.of() : Arrays.asList(c.getEntrypoint()),
                    c == null || c.getCmd() == null ? List.of() : Arrays.asList(c.getCmd()),
                    c == null ? null : c.getUser(),
                    c == null || c.getEnv() == null ? List.of() : Arrays.asList(c.getEnv()),
                    h == null || h.getTest() == null ? List.of() : h.getTest());
        } catch (RuntimeException e) {
            throw fail("cannot inspect container " + shortId(containerId), e);
        }
    }

    String startScratch(ScratchContainer s) {
        ContainerRuntime r = s.runtime();
        Mount mount = new Mount().withType(MountType.VOLUME).withSource(s.volume()).withTarget(s.mountPath());
        String id;
        try {
            var cmd = docker.createContainerCmd(r.imageId() != null && !r.imageId().isEmpty() ? r.imageId() : r.image())
                    .withLabels(s.labels())
                    // network mode none: loopback only (a database listening on localhost still starts)
                    .withEnv(r.env())
                    .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(mount)).withNetworkMode("none"));
            if (!r.entrypoint().isEmpty()) {
                cmd.withEntrypoint(r.entrypoint());
            }
            if (!r.cmd().isEmpty()) {
                cmd.withCmd(r.cmd());
            }
            if (!r.user().isEmpty()) {
                cmd.withUser(r.user());
            }
            id = cmd.exec().getId();
        } catch (RuntimeException e) {
            throw fail("cannot create the drill container for " + s.volume(), e);
        }
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            removeContainer(id);
            throw fail("cannot start the drill container for " + s.volume(), e);
        }
        return id;
    }

    String status(String containerId) {
        try {
            var st = docker.inspectContainerCmd(containerId).exec().getState();
            if (st == null || st.getStatus() == null) {
                return "unknown";
            }
            if ("exited".equals(st.getStatus()) || "dead".equals(st.getStatus())) {
                return "exited " + st.getExitCodeLong();
            }
            return st.getStatus();
        } catch (NotFoundException e) {
            return "gone";
        } catch (RuntimeException e) {
            throw fail("cannot inspect container " + shortId(containerId), e);
        }
    }

    String logTail(String containerId, int lines) {
        StringBuilder out = new StringBuilder();
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame f) {
                            synchronized (out) {
                                if (out.length() < 8192) {
                                    out.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                                }
                            }
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "";
        }
        synchronized (out) {
            return out.toString();
        }
    }

    void removeContainer(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw fail("cannot remove container " + shortId(containerId), e);
        }
    }

    void stop(String containerId) {
        try {
            // no timeout given: the engine uses the container's own stop timeout (compose's stop_grace_period)
            streams.stopContainerCmd(containerId).exec();
        } catch (NotModifiedException e) {
            // already stopped
        } catch (RuntimeException e) {
            throw fail("cannot stop container " + shortId(containerId), e);
        }
    }

    void start(String containerId) {
        try {
            docker.startContainerCmd(containerId).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (RuntimeException e) {
            throw fail("cannot start container " + shortId(containerId), e);
        }
    }

    void copyInto(String containerId, String dir, InputStream tar) {
        try {
            streams.copyArchiveToContainerCmd(containerId).withRemotePath(dir).withTarInputStream(tar).exec();
        } catch (RuntimeException e) {
            throw fail("cannot copy into container " + shortId(containerId), e);
        }
    }

    int exec(String containerId, String user, List<String> cmd, OutputStream stdout, OutputStream stderr) {
        String execId;
        try {
            var create = docker.execCreateCmd(containerId).withCmd(cmd.toArray(new String[0]))
                    .withAttachStdout(true).withAttachStderr(true).withAttachStdin(false).withTty(false);
            if (user != null && !user.isEmpty()) {
                create.withUser(user);
            }
            execId = create.exec().getId();
        } catch (RuntimeException e) {
            throw fail("cannot exec in container " + shortId(containerId), e);
        }
        IOException[] writeError = new IOException[1];
        long[] errBytes = new long[1];
        var callback = new ResultCallback.Adapter<Frame>() {
                    public void onNext(Frame frame) {
                try {
                    switch (frame.getStreamType()) {
                        case STDOUT, RAW -> stdout.write(frame.getPayload());
                        case STDERR -> {
                            if (stderr != null && errBytes[0] < 8192) {
                                stderr.write(frame.getPayload());
                                errBytes[0] += frame.getPayload().length;
                            }
                        }
                        default -> {
                        }
                    }
                } catch (IOException e) {
                    if (writeError[0] == null) {
                        writeError[0] = e;
                    }
                    try {
                        close();
                    } catch (IOException ignored) {
                        // closing the attach stream ends the exec read
                    }
                }
            }
        };
        try {
            streams.execStartCmd(execId).withDetach(false).withTty(false).exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while running a command in a container", e);
        } catch (RuntimeException e) {
            throw fail("exec failed", e);
        }
        if (writeError[0] != null) {
            throw new java.io.UncheckedIOException(writeError[0]);
        }
        try {
            Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            return code == null ? -1 : code.intValue();
        } catch (RuntimeException e) {
            throw fail("cannot read the exit code of an exec", e);
        }
    }

    void pause(String containerId) {
        try {
            docker.pauseContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            throw fail("cannot pause container " + shortId(containerId), e);
        }
    }

    void unpause(String containerId) {
        try {
            docker.unpauseContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            throw fail("cannot unpause container " + shortId(containerId), e);
        }
    }
}
