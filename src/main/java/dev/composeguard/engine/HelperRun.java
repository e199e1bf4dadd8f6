package dev.composeguard.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A helper container that is started: one command (a tar) with a volume mounted at {@link DockerJavaEngine#MOUNT},
 * stdin fed from a stream, stdout copied to a stream. The Engine's archive API cannot do this job: it reads no
 * extended attributes but {@code security.capability}, truncates sub-second times and fills sparse files, and its
 * extraction drops the volume root's mode and owner, set-uid bits and pre-1970 times (docs/BACKUP.md). No network,
 * no log driver (the stream would be copied into the engine's logs), root inside the container so that every file
 * can be read and every owner set; always removed, also on SIGINT/SIGTERM.
 */
final class HelperRun {
    private final DockerClient docker;
    private final DockerClient streams;

    HelperRun(DockerClient docker, DockerClient streams) {
        this.docker = docker;
        this.streams = streams;
    }

    int run(String image, String volumeName, boolean readOnly, List<String> cmd, InputStream stdin, OutputStream stdout,
            OutputStream stderr) {
        var host = HostConfig.newHostConfig().withLogConfig(new LogConfig(LogConfig.LoggingType.NONE));
        if (volumeName != null) {
            host.withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(volumeName)
                    .withTarget(DockerJavaEngine.MOUNT).withReadOnly(readOnly)
                    .withVolumeOptions(new VolumeOptions().withNoCopy(true))));
        }
        String id;
        try {
            id = docker.createContainerCmd(image).withEntrypoint(List.of()).withCmd(cmd).withUser("0:0")
                    .withLabels(Map.of(EngineClient.HELPER_LABEL, "tar", EngineClient.HELPER_OWNER_LABEL,
                            HelperContainers.owner()))
                    .withNetworkDisabled(true).withAttachStdout(true).withAttachStderr(true)
                    .withAttachStdin(stdin != null).withStdinOpen(stdin != null).withStdInOnce(stdin != null)
                    .withHostConfig(host).exec().getId();
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("cannot create a helper container from " + image + ": "
                    + DockerJavaEngine.oneLine(e), e);
        }
        Thread onExit = new Thread(() -> remove(id));
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            return attachStartWait(id, stdin, stdout, stderr);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            remove(id);
        }
    }

    private int attachStartWait(String id, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        Copy copy = new Copy(stdout, stderr);
        try {
            var attach = streams.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true);
            if (stdin != null) {
                attach.withStdIn(stdin);
            }
            attach.exec(copy).awaitStarted();
            docker.startContainerCmd(id).exec();
            copy.awaitCompletion();
            if (copy.writeError != null) {
                throw new java.io.UncheckedIOException(copy.writeError);
            }
            return streams.waitContainerCmd(id).start().awaitStatusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while a helper container ran", e);
        } catch (java.io.UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("helper container failed: " + DockerJavaEngine.oneLine(e), e);
        } finally {
            try {
                copy.close();
            } catch (IOException ignored) {
                // the attach stream is gone already
            }
        }
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException ignored) {
            // a leftover is removed by the next backup (removeLeftoverHelpers) and listed by doctor
        }
    }

    /** Copies stdout frames; keeps the first 8 KiB of stderr; a failing sink ends the attach. */
    private static final class Copy extends ResultCallback.Adapter<Frame> {
        private final OutputStream stdout;
        private final OutputStream stderr;
        private long errBytes;
        IOException writeError;

        Copy(OutputStream stdout, OutputStream stderr) {
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public void onNext(Frame frame) {
            try {
                switch (frame.getStreamType()) {
                    case STDOUT, RAW -> stdout.write(frame.getPayload());
                    case STDERR -> {
                        if (stderr != null && errBytes < 8192) {
                            stderr.write(frame.getPayload());
                            errBytes += frame.getPayload().length;
                        }
                    }
                    default -> {
                    }
                }
            } catch (IOException e) {
                if (writeError == null) {
                    writeError = e;
                }
                try {
                    close();
                } catch (IOException ignored) {
                    // closing ends the attach read
                }
            }
        }
    }
}
