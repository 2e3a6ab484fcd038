package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands in one task's warm container through its agent. The container is started on the first command
 * (or by {@link #start()}), kept across commands, replaced when it had to be killed, and removed on close.
 */
public final class ContainerExecutor implements CommandExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerExecutor.class);
    /** Scratch files live on the container's tmpfs, outside the workspace. */
    private static final String SCRATCH_PREFIX = "/tmp/agentloop-";

    private final ContainerLauncher launcher;
    private final String image;
    private final Path workspace;
    private final Map<String, String> labels;
    private final Duration killGrace;
    private final AtomicLong requestIds = new AtomicLong();
    private ContainerLauncher.Running current;
    private boolean closed;

    public ContainerExecutor(
            ContainerLauncher launcher, String image, Path workspace, Map<String, String> labels, Duration killGrace) {
        this.launcher = launcher;
        this.image = image;
        this.workspace = workspace;
        this.labels = labels;
        this.killGrace = killGrace;
    }

    /** Starts the container now instead of on the first command. */
    public synchronized void start() {
        running();
    }

    /** The current container's id, or empty before it is started or after it was removed. */
    public synchronized Optional<String> containerId() {
        return Optional.ofNullable(current).map(ContainerLauncher.Running::id);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A request for more CPUs than the container's limit ({@link ExecRequest#cpus()}) raises the limit for this
     * command and restores it afterwards; commands run one at a time, so no other command shares the raise. When
     * the limit cannot be restored the container is discarded: the next command gets a new one.
     */
    @Override
    public synchronized ExecResult execute(ExecRequest request, Duration timeout, long capBytes) {
        ContainerLauncher.Running container = running();
        double cpus = launcher.cpusFor(request.cpus());
        boolean raised = cpus > launcher.cpus() && launcher.updateCpus(container.id(), cpus);
        if (raised) {
            LOG.debug("sandbox container {} may use {} CPUs for one command", container.shortId(), cpus);
        }
        try {
            return run(container, request, timeout, capBytes);
        } finally {
            if (raised && current == container && !launcher.updateCpus(container.id(), launcher.cpus())) {
                LOG.warn(
                        "Could not restore the CPU limit of sandbox container {}; replacing the container",
                        container.shortId());
                discard(container);
            }
        }
    }

    private ExecResult run(ContainerLauncher.Running container, ExecRequest request, Duration timeout, long capBytes) {
        String id = Long.toString(requestIds.incrementAndGet());
        List<String> fields = new ArrayList<>();
        fields.add("RUN");
        fields.add(id);
        fields.add(
                request.workingDirectory().isEmpty()
                        ? SandboxConfig.WORKSPACE_MOUNT
                        : SandboxConfig.WORKSPACE_MOUNT + "/" + request.workingDirectory());
        fields.add(Long.toString(capBytes));
        fields.add(Integer.toString(request.environment().size()));
        request.environment().forEach((k, v) -> fields.add(k + "=" + v));
        fields.addAll(request.command());
        for (String field : fields) {
            if (field.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("command arguments and environment must not contain NUL bytes");
            }
        }
        long started = System.nanoTime();
        try {
            container.channel().send(fields);
            try {
                return container.channel().await(id, timeout).toResult(since(started));
            } catch (TimeoutException e) {
                return killAfterTimeout(container, id, timeout, started);
            }
        } catch (AgentGoneException e) {
            boolean oom = launcher.wasOomKilled(container.id());
            discard(container);
            if (oom) {
                return new ExecResult(
                        ExecStatus.OUT_OF_MEMORY, -1, "", "the sandbox ran out of memory", since(started), 0, 0, "");
            }
            throw new SandboxException(
                    "The sandbox container " + container.shortId() + " (image '" + image
                            + "') stopped while running a command: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(container);
            throw new SandboxException("Interrupted while a command ran in the sandbox (image '" + image + "')", e);
        }
    }

    private ExecResult killAfterTimeout(ContainerLauncher.Running container, String id, Duration timeout, long started)
            throws AgentGoneException, InterruptedException {
        container.channel().send(List.of("KILL", id));
        try {
            AgentReply reply = container.channel().await(id, killGrace);
            ExecResult partial = reply.toResult(since(started));
            return new ExecResult(
                    ExecStatus.TIMED_OUT,
                    -1,
                    partial.stdout(),
                    partial.stderr() + timeoutNote(timeout, "its process tree was killed"),
                    partial.duration(),
                    partial.stdoutDropped(),
                    partial.stderrDropped(),
                    "");
        } catch (TimeoutException | AgentGoneException stuck) {
            // The tree would not die (or took the agent with it): the only sure stop is the container itself.
            LOG.warn(
                    "Sandbox container {} did not stop its command within {}; killing the container",
                    container.shortId(),
                    killGrace);
            discard(container);
            return new ExecResult(
                    ExecStatus.TIMED_OUT,
                    -1,
                    "",
                    timeoutNote(timeout, "the container was killed because the process tree would not die"),
                    since(started),
                    0,
                    0,
                    "");
        }
    }

    private static String timeoutNote(Duration timeout, String what) {
        return "\n[agentloop: the command exceeded its time limit of " + timeout.toMillis() + " ms; " + what + "]\n";
    }

    @Override
    public String workspacePath() {
        return SandboxConfig.WORKSPACE_MOUNT;
    }

    @Override
    public String scratchPath(String name) {
        return SCRATCH_PREFIX + name;
    }

    @Override
    public Optional<String> readScratch(String name) {
        String path = scratchPath(name);
        ExecResult result = execute(
                ExecRequest.of("sh", "-c", "cat \"$1\" && rm -f \"$1\"", "sh", path),
                Duration.ofSeconds(30),
                64L * 1024 * 1024);
        return result.succeeded() ? Optional.of(result.stdout()) : Optional.empty();
    }

    @Override
    public String describe() {
        return "docker " + image;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            discard(current);
        }
    }

    private ContainerLauncher.Running running() {
        if (closed) {
            throw new SandboxException("The sandbox session (image '" + image + "') is closed");
        }
        if (current == null) {
            current = launcher.launch(image, workspace, labels);
            LOG.debug("sandbox container {} started from {}", current.shortId(), image);
        }
        return current;
    }

    private void discard(ContainerLauncher.Running container) {
        // Remove before closing the channel: the agent exits by itself when its input ends, and the engine refuses a
        // forced removal of a container caught stopping (the launcher retries, but this way there is no race).
        launcher.remove(container.id());
        container.channel().close();
        if (current == container) {
            current = null;
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
