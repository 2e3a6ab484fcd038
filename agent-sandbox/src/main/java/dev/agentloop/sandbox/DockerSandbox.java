package dev.agentloop.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Version;
import dev.agentloop.core.Language;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.sandbox.internal.ContainerExecutor;
import dev.agentloop.sandbox.internal.ContainerLabels;
import dev.agentloop.sandbox.internal.ContainerLauncher;
import dev.agentloop.sandbox.internal.ContainerReaper;
import dev.agentloop.sandbox.internal.DockerClients;
import dev.agentloop.sandbox.internal.EnvironmentProbe;
import dev.agentloop.sandbox.internal.GuardedSession;
import dev.agentloop.sandbox.internal.JavaTestRunner;
import dev.agentloop.sandbox.internal.NodeTestRunner;
import dev.agentloop.sandbox.internal.OwnerIdentity;
import dev.agentloop.sandbox.internal.PytestRunner;
import dev.agentloop.sandbox.internal.WorkspaceFiles;
import dev.agentloop.sandbox.spi.TestRunner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generated code in hardened Docker containers: one container per task, started on the session's first
 * command and kept warm across iterations (each command is a fork in the container, not a new {@code docker exec}),
 * removed when the session closes. Two safety nets are opt-in on the builder: a JVM shutdown hook that removes the
 * containers of sessions still open ({@link Builder#removeContainersOnShutdown(boolean)}), and a reaper that removes
 * the containers left by processes that are gone ({@link Builder#reapOnStart(boolean)}; orphans are found by their
 * labels, and the reaper runs in the background, so opening a session never waits for it).
 *
 * <p>Limits and hardening come from {@link SandboxConfig}: no network, 512 MiB without swap, one CPU, 256 pids,
 * uid 1000, read-only root with a tmpfs {@code /tmp}, all capabilities dropped, {@code no-new-privileges}, and
 * only the task's workspace mounted (at {@code /workspace}). A command of the library's own tools may ask for more
 * CPUs ({@link dev.agentloop.core.spi.ExecRequest#cpus()}, the repository map's parser): the container's limit is
 * raised for that command, up to {@link SandboxConfig#toolCpus()}, and restored after it.
 *
 * <p>Images need {@code perl} (perl-base, present in every Debian image) for the in-container agent, plus the
 * language's tools (python3 and pytest, node 18.15+).
 */
public final class DockerSandbox implements Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(DockerSandbox.class);
    private static final Duration REAPER_GRACE = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final boolean ownsClient;
    private final SandboxConfig config;
    private final Clock clock;
    private final Map<Language, TestRunner> runners;
    private final ContainerLauncher launcher;
    private final OwnerIdentity owner = OwnerIdentity.current();
    private final UUID runId = UUID.randomUUID();
    private final Set<GuardedSession> open = ConcurrentHashMap.newKeySet();
    private final Map<String, String> environments = new ConcurrentHashMap<>();
    private final Thread shutdownHook;
    private final CompletableFuture<Integer> reaping;
    private volatile boolean closed;

    private DockerSandbox(Builder b) {
        this.docker = b.docker != null ? b.docker : DockerClients.create(System.getenv());
        this.ownsClient = b.docker == null;
        this.config = b.config;
        this.clock = b.clock;
        this.runners = Map.copyOf(b.runners);
        this.launcher = new ContainerLauncher(docker, config);
        this.reaping = b.reapOnStart ? startReaper() : CompletableFuture.completedFuture(0);
        if (b.removeContainersOnShutdown) {
            this.shutdownHook = new Thread(this::closeAllSessions, "agentloop-sandbox-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    /**
     * A sandbox with {@link SandboxConfig#defaults()} and a client for the engine of {@code DOCKER_HOST} (or the
     * local socket); no reaper, no shutdown hook.
     *
     * @return the sandbox
     * @throws SandboxException when the engine cannot be reached
     */
    public static DockerSandbox ofDefaults() {
        return builder().build();
    }

    /** {@return a builder with {@link SandboxConfig#defaults()}, no reaper and no shutdown hook} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session for one task and starts its container, so the first command finds it warm.
     *
     * @throws SandboxException naming the image when the container cannot be started, or when no image is
     *     configured for the task's language
     * @throws IllegalStateException when this sandbox is closed
     */
    @Override
    public SandboxSession open(SandboxSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (closed) {
            throw new IllegalStateException("this DockerSandbox is closed");
        }
        String image = config.image(spec.language())
                .orElseThrow(() -> new SandboxException("No sandbox image is configured for "
                        + spec.language().id() + "; give one with SandboxConfig.Builder.image"));
        WorkspaceFiles files =
                new WorkspaceFiles(spec.workspace(), WorkspaceFiles.handOverUid(config.uid()), config.gid());
        if (spec.existingProject()) {
            files.prepareTree();
        } else {
            files.prepare();
        }
        ContainerExecutor executor = new ContainerExecutor(
                launcher, image, files.root(), ContainerLabels.of(runId, spec.taskId(), owner), config.killGrace());
        GuardedSession[] holder = new GuardedSession[1];
        GuardedSession session =
                new GuardedSession(spec, config, executor, files, runners, clock, () -> open.remove(holder[0]));
        holder[0] = session;
        open.add(session);
        try {
            executor.start();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        // once per image: its versions and packages do not change while this sandbox lives
        session.useEnvironment(environments.computeIfAbsent(
                image + " " + spec.language(), key -> EnvironmentProbe.probe(executor, spec.language())));
        LOG.debug("Opened a sandbox for task {} in {}", spec.taskId(), image);
        return session;
    }

    /**
     * Removes sandbox containers left by processes that are gone; returns how many.
     *
     * @return the number of containers removed
     */
    public int reapOrphans() {
        return new ContainerReaper(docker, owner).reap();
    }

    /**
     * The reaper run started by {@link Builder#build()}: completes with the number of orphaned containers it removed
     * (0 when {@link Builder#reapOnStart(boolean)} is off or when the engine could not be asked, which is logged).
     * It runs on its own thread so that opening the first session never waits for it; it only ever removes
     * containers of processes that are gone, so it cannot race with this sandbox's own containers.
     *
     * @return the reaper's result
     */
    public CompletableFuture<Integer> startupReap() {
        return reaping.copy();
    }

    private CompletableFuture<Integer> startReaper() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread reaper = new Thread(
                () -> {
                    try {
                        done.complete(new ContainerReaper(docker, owner).reap());
                    } catch (RuntimeException e) {
                        if (!closed) {
                            LOG.warn(
                                    "Could not look for orphaned sandbox containers: {}", DockerClients.rootMessage(e));
                        }
                        done.complete(0);
                    }
                },
                "agentloop-sandbox-reaper");
        reaper.setDaemon(true);
        reaper.start();
        return done;
    }

    /**
     * {@return a cheap self-check for {@code agent doctor}: the engine answers, and each configured image is present}
     */
    public SandboxHealth check() {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> images = new LinkedHashMap<>();
        String version;
        try {
            Version v = docker.versionCmd().exec();
            version = "Docker " + v.getVersion() + " (API " + v.getApiVersion() + ")";
        } catch (RuntimeException e) {
            return new SandboxHealth(
                    "docker",
                    false,
                    "",
                    Map.of(),
                    List.of("The Docker engine does not answer (" + e.getMessage()
                            + "); start it or set DOCKER_HOST."));
        }
        for (String image : config.images().values()) {
            try {
                docker.inspectImageCmd(image).exec();
                images.put(image, true);
            } catch (NotFoundException e) {
                images.put(image, false);
                problems.add("The image " + image + " is not present on the Docker engine; build or pull it.");
            } catch (RuntimeException e) {
                images.put(image, false);
                problems.add("The image " + image + " could not be inspected: " + e.getMessage());
            }
        }
        return new SandboxHealth("docker", true, version, images, problems);
    }

    @Override
    public String describe() {
        return "docker (" + String.join(", ", new EnumMap<>(config.images()).values()) + ")";
    }

    /** {@return the limits, images and policies the sandbox applies} */
    public SandboxConfig config() {
        return config;
    }

    /** Closes the sessions still open, then the client if this sandbox created it. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAllSessions();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running or has run.
            }
        }
        if (ownsClient) {
            // Let a reaper still at work finish its removals before its client goes (a list and a few removes).
            try {
                reaping.get(REAPER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("the start-up reaper had not finished when the sandbox closed", e);
            }
            try {
                docker.close();
            } catch (IOException e) {
                LOG.debug("closing the Docker client failed", e);
            }
        }
    }

    private void closeAllSessions() {
        for (GuardedSession session : List.copyOf(open)) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn("Could not close a sandbox session: {}", e.getMessage());
            }
        }
    }

    /** Builds a {@link DockerSandbox}. */
    public static final class Builder {
        private DockerClient docker;
        private SandboxConfig config = SandboxConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private final Map<Language, TestRunner> runners = new EnumMap<>(Language.class);
        private boolean reapOnStart;
        private boolean removeContainersOnShutdown;

        private Builder() {
            testRunner(new PytestRunner());
            testRunner(new NodeTestRunner());
            testRunner(new JavaTestRunner());
        }

        /**
         * The client to use (not closed by the sandbox); default: one for {@code DOCKER_HOST}, API negotiated.
         *
         * @param value the docker client
         * @return this builder
         */
        public Builder dockerClient(DockerClient value) {
            this.docker = Objects.requireNonNull(value, "dockerClient");
            return this;
        }

        /**
         * Default {@link SandboxConfig#defaults()}.
         *
         * @param value the config
         * @return this builder
         */
        public Builder config(SandboxConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * The clock of event timestamps; default the system clock (UTC).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Adds or replaces the runner of its language (pytest and {@code node --test} are built in).
         *
         * @param runner the test runner
         * @return this builder
         */
        public Builder testRunner(TestRunner runner) {
            Objects.requireNonNull(runner, "runner");
            runners.put(runner.language(), runner);
            return this;
        }

        /**
         * Whether {@link #build()} starts the reaper, which removes on a background thread the sandbox containers left
         * on this engine by processes that are gone (see {@link DockerSandbox#startupReap()}). Default {@code false}:
         * a library does not remove containers it did not make unless asked; a command-line tool that owns the
         * machine's sandboxes turns it on.
         *
         * @param value whether to reap on start
         * @return this builder
         */
        public Builder reapOnStart(boolean value) {
            this.reapOnStart = value;
            return this;
        }

        /**
         * Whether a JVM shutdown hook removes the containers of sessions still open when the JVM exits (Ctrl-C, an
         * uncaught error). Default {@code false}: the caller closes its sessions and the sandbox, and no hook is
         * registered; turn it on in a program that may be stopped while a run is going.
         *
         * @param value whether to remove containers on shutdown
         * @return this builder
         */
        public Builder removeContainersOnShutdown(boolean value) {
            this.removeContainersOnShutdown = value;
            return this;
        }

        /**
         * @return the sandbox; it connects to the engine now
         * @throws SandboxException when no client was given and the engine cannot be reached
         */
        public DockerSandbox build() {
            return new DockerSandbox(this);
        }
    }
}
