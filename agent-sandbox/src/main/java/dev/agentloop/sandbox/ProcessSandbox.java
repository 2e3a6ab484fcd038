package dev.agentloop.sandbox;

import dev.agentloop.core.Language;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.sandbox.internal.EnvironmentProbe;
import dev.agentloop.sandbox.internal.GuardedSession;
import dev.agentloop.sandbox.internal.HostProcessExecutor;
import dev.agentloop.sandbox.internal.HostProcessExecutor.Isolation;
import dev.agentloop.sandbox.internal.JavaTestRunner;
import dev.agentloop.sandbox.internal.NodeTestRunner;
import dev.agentloop.sandbox.internal.PytestRunner;
import dev.agentloop.sandbox.internal.WorkspaceFiles;
import dev.agentloop.sandbox.spi.TestRunner;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generated code on this host, for machines without Docker. Under bubblewrap (Debian package
 * {@code bubblewrap}) when it is installed: network unshared, the host read-only except the workspace, its own
 * pid namespace. Otherwise as a plain process with the user's own rights. Either way there is no memory, CPU or
 * process-count limit, and the first session of each {@code ProcessSandbox} says so loudly (a WARN log line and an
 * {@link AgentWarning} event). The host's environment variables are never passed to commands.
 *
 * <p>The execution hooks, the static scan, the dependency gate, time limits, output caps and the test runners
 * are the same as {@link DockerSandbox}'s. Commands see the workspace at its host path.
 */
public final class ProcessSandbox implements Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessSandbox.class);

    private final SandboxConfig config;
    private final Clock clock;
    private final Isolation isolation;
    private final String bwrap;
    private final Map<Language, TestRunner> runners;
    private final Map<Language, String> environments = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    private ProcessSandbox(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.runners = Map.copyOf(b.runners);
        Optional<String> found = b.useBubblewrap ? HostProcessExecutor.findBubblewrap() : Optional.empty();
        this.isolation = found.isPresent() ? Isolation.BUBBLEWRAP : Isolation.NONE;
        this.bwrap = found.orElse(null);
    }

    /**
     * Default config; bubblewrap when it works here.
     *
     * @return the sandbox
     */
    public static ProcessSandbox ofDefaults() {
        return builder().build();
    }

    /** {@return a builder with {@link SandboxConfig#defaults()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return true when commands run under bubblewrap, false when they run as plain processes} */
    public boolean usesBubblewrap() {
        return isolation == Isolation.BUBBLEWRAP;
    }

    /** {@return what this sandbox does not isolate, one sentence (also the text of the warning)} */
    public String isolationWarning() {
        return isolation == Isolation.BUBBLEWRAP
                ? "The process sandbox runs generated code on this host under bubblewrap: the network is cut and the "
                        + "host is read-only except the workspace, but the host's files stay readable, there is no "
                        + "memory, CPU or process limit and the kernel is shared; use the Docker sandbox for "
                        + "untrusted code."
                : "The process sandbox runs generated code as a plain process on this host with your own rights: "
                        + "no network, file-system, memory, CPU or process isolation, only time and output limits; "
                        + "install Docker (or bubblewrap) before running untrusted code.";
    }

    @Override
    public SandboxSession open(SandboxSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (warned.compareAndSet(false, true)) {
            LOG.warn(isolationWarning());
            try {
                spec.listener()
                        .onEvent(new AgentWarning(spec.taskId(), 0, clock.instant(), "sandbox", isolationWarning()));
            } catch (RuntimeException e) {
                LOG.warn("A listener failed on AgentWarning: {}", e.toString());
            }
        }
        WorkspaceFiles files = new WorkspaceFiles(spec.workspace(), -1, -1);
        files.prepare();
        HostProcessExecutor executor = new HostProcessExecutor(files.root(), isolation, bwrap);
        GuardedSession session = new GuardedSession(spec, config, executor, files, runners, clock, () -> {});
        // once per language: the host's versions and packages do not change while this sandbox lives
        session.useEnvironment(
                environments.computeIfAbsent(spec.language(), language -> EnvironmentProbe.probe(executor, language)));
        return session;
    }

    @Override
    public String describe() {
        return isolation == Isolation.BUBBLEWRAP ? "process (bubblewrap)" : "process (no isolation)";
    }

    /**
     * For {@code agent doctor}: always reachable; the isolation warning is reported as a problem.
     *
     * @return the health, never null
     */
    public SandboxHealth check() {
        return new SandboxHealth("process", true, describe(), Map.of(), List.of(isolationWarning()));
    }

    /** Builds a {@link ProcessSandbox}. */
    public static final class Builder {
        private SandboxConfig config = SandboxConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private boolean useBubblewrap = true;
        private final Map<Language, TestRunner> runners = new EnumMap<>(Language.class);

        private Builder() {
            testRunner(new PytestRunner());
            testRunner(new NodeTestRunner());
            testRunner(new JavaTestRunner());
        }

        /**
         * Time limits, output caps, hooks, scan and allow-list apply; container limits do not.
         *
         * @param value the config
         * @return this builder
         */
        public Builder config(SandboxConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * The clock that times commands. Default the system clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Whether to use bubblewrap when it is installed; default {@code true}.
         *
         * @param value whether to use bubblewrap
         * @return this builder
         */
        public Builder useBubblewrap(boolean value) {
            this.useBubblewrap = value;
            return this;
        }

        /**
         * Runs the tests of one language; replaces the built-in runner for it (pytest, node's test runner, JUnit).
         *
         * @param runner the runner
         * @return this builder
         */
        public Builder testRunner(TestRunner runner) {
            Objects.requireNonNull(runner, "runner");
            runners.put(runner.language(), runner);
            return this;
        }

        /** {@return the sandbox} */
        public ProcessSandbox build() {
            return new ProcessSandbox(this);
        }
    }
}
