package dev.agentloop.sandbox.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one hardened sandbox container (the limits of {@link SandboxConfig}) whose PID 1 is the agent, and
 * attaches to it. A container that fails to start has its logs captured, is removed, and the exception names the
 * image.
 */
public final class ContainerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLauncher.class);
    private static final String AGENT_SOURCE = loadAgent();
    private static final int REMOVE_ATTEMPTS = 5;
    private static final Duration REMOVE_RETRY_PAUSE = Duration.ofMillis(200);

    private final DockerClient docker;
    private final SandboxConfig config;

    public ContainerLauncher(DockerClient docker, SandboxConfig config) {
        this.docker = docker;
        this.config = config;
    }

    /** A started container and the channel to its agent. */
    record Running(String id, AgentChannel channel) {
        String shortId() {
            return id.length() > 12 ? id.substring(0, 12) : id;
        }
    }

    Running launch(String image, Path workspace, Map<String, String> labels) {
        String id;
        try {
            CreateContainerResponse created = docker.createContainerCmd(image)
                    .withHostConfig(hostConfig(workspace))
                    .withUser(config.user())
                    .withWorkingDir(SandboxConfig.WORKSPACE_MOUNT)
                    .withEntrypoint("perl", "-e", AGENT_SOURCE)
                    .withCmd(List.of())
                    .withEnv("HOME=/tmp", "TMPDIR=/tmp")
                    .withLabels(labels)
                    .withNetworkDisabled("none".equals(config.network()))
                    .withTty(false)
                    .withStdinOpen(true)
                    .withStdInOnce(true)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec();
            id = created.getId();
        } catch (NotFoundException e) {
            throw new SandboxException(
                    "The sandbox image '" + image + "' is not present on the Docker engine; build or pull it, or"
                            + " give the sandbox another image (SandboxConfig.Builder.image)",
                    e);
        } catch (RuntimeException e) {
            throw new SandboxException(
                    "Cannot create a sandbox container from image '" + image + "': " + DockerClients.rootMessage(e), e);
        }
        AgentChannel channel = null;
        try {
            // Attach first, as `docker start -a` does: docker-java sets the hijacked connection up on its own thread
            // while the engine starts the container, instead of after it, so the first command goes out as soon as
            // the start returns. Nothing is lost in between: the agent writes only in reply to a request.
            channel = AgentChannel.attach(docker, id);
            docker.startContainerCmd(id).exec();
            return new Running(id, channel);
        } catch (RuntimeException | IOException e) {
            if (channel != null) {
                channel.close();
            }
            String logs = logs(id);
            remove(id);
            throw new SandboxException(
                    "The sandbox container from image '" + image + "' failed to start: " + DockerClients.rootMessage(e)
                            + (logs.isBlank() ? "" : "; its output: " + logs.trim()),
                    e);
        }
    }

    private HostConfig hostConfig(Path workspace) {
        return HostConfig.newHostConfig()
                .withNetworkMode(config.network())
                .withMemory(config.memoryBytes())
                // Equal to the memory limit: no swap, so a memory hog meets the OOM killer instead of the disk.
                .withMemorySwap(config.memoryBytes())
                .withNanoCPUs(nanoCpus(config.cpus()))
                .withPidsLimit(config.pidsLimit())
                .withReadonlyRootfs(config.readOnlyRootFilesystem())
                .withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=" + config.tmpfsBytes() + ",mode=1777"))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withBinds(new Bind(
                        workspace.toAbsolutePath().toString(),
                        new Volume(SandboxConfig.WORKSPACE_MOUNT),
                        AccessMode.rw))
                .withInit(false)
                .withAutoRemove(false);
    }

    /**
     * The CPUs a command asking for {@code wanted} gets: up to {@link SandboxConfig#toolCpus()}, never less than the
     * container's limit.
     */
    double cpusFor(Double wanted) {
        return wanted == null ? config.cpus() : Math.max(config.cpus(), Math.min(wanted, config.toolCpus()));
    }

    /** The CPU limit containers are started with. */
    double cpus() {
        return config.cpus();
    }

    /**
     * Changes a running container's CPU limit ({@code docker update --cpus}); false when the engine refuses (a
     * remote engine with fewer CPUs), which is logged.
     */
    boolean updateCpus(String id, double cpus) {
        try {
            docker.updateContainerCmd(id).withNanoCPUs(nanoCpus(cpus)).exec();
            return true;
        } catch (RuntimeException e) {
            LOG.debug(
                    "cannot set the CPU limit of sandbox container {} to {}: {}",
                    id,
                    cpus,
                    DockerClients.rootMessage(e));
            return false;
        }
    }

    private static long nanoCpus(double cpus) {
        return Math.round(cpus * 1_000_000_000L);
    }

    /** Whether the engine recorded an OOM kill for this container. */
    boolean wasOomKilled(String id) {
        try {
            InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
            return Boolean.TRUE.equals(inspect.getState().getOOMKilled());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Kills and removes a container; never throws for one that is already gone. */
    void remove(String id) {
        // A cancelled run removes its container on an interrupted thread; docker-java would abort the call at once
        // (CancellationException) and leave the container behind. Clear the flag for the call, then restore it.
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    LOG.debug("removing sandbox container {}", id);
                    docker.removeContainerCmd(id)
                            .withForce(true)
                            .withRemoveVolumes(true)
                            .exec();
                    return;
                } catch (NotFoundException e) {
                    LOG.debug("sandbox container {} was already gone", id);
                    return;
                } catch (RuntimeException e) {
                    // The engine refuses a forced removal while the container is stopping on its own (its agent
                    // exits when its input ends): "cannot remove - container is not running", or "removal already
                    // in progress". Moments later the same call succeeds.
                    if (attempt >= REMOVE_ATTEMPTS) {
                        LOG.warn("Could not remove sandbox container {}: {}", id, DockerClients.rootMessage(e));
                        return;
                    }
                    LOG.debug("removing sandbox container {} failed, retrying: {}", id, DockerClients.rootMessage(e));
                    if (!pause(REMOVE_RETRY_PAUSE)) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits a little; false when interrupted (the wait is then cut short and the caller restores the flag). */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** The container's output so far (at most a few KiB), for error messages. */
    String logs(String id) {
        StringBuilder text = new StringBuilder();
        try {
            docker.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(50)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            if (text.length() < 4_000) {
                                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                    })
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("cannot read the logs of {}", id, e);
        }
        return text.toString();
    }

    private static String loadAgent() {
        try (InputStream in = ContainerLauncher.class.getResourceAsStream("agent.pl")) {
            if (in == null) {
                throw new IllegalStateException("agent.pl is missing from the agent-sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
