package dev.agentloop.sandbox;

import dev.agentloop.core.Language;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How sandboxes are started and limited. Immutable; built once with {@link #builder()}. Every default below is
 * the value of the same key in {@code config/agent.yaml}'s {@code sandbox:} section.
 */
public final class SandboxConfig {

    /**
     * {@code sandbox.images}: {@code python -> agentloop/python}, {@code javascript -> agentloop/node}, {@code java ->
     * agentloop/java}.
     */
    public static final Map<Language, String> DEFAULT_IMAGES = Map.of(
            Language.PYTHON,
            "agentloop/python",
            Language.JAVASCRIPT,
            "agentloop/node",
            Language.JAVA,
            "agentloop/java");
    /** {@code sandbox.network}: no network at all. */
    public static final String DEFAULT_NETWORK = "none";
    /** {@code sandbox.memory}: 512 MiB, swap off. */
    public static final long DEFAULT_MEMORY_BYTES = 512L * 1024 * 1024;
    /** {@code sandbox.cpus}: one CPU. */
    public static final double DEFAULT_CPUS = 1.0;
    /**
     * The most CPUs a command asking for more than {@link #cpus()} gets ({@link
     * dev.agentloop.core.spi.ExecRequest#cpus()}, the repository map's parser): the host's processors. Not a key of
     * {@code config/agent.yaml}.
     */
    public static final double DEFAULT_TOOL_CPUS =
            Math.min(64, Runtime.getRuntime().availableProcessors());
    /** {@code sandbox.pids-limit}: 256 processes. */
    public static final long DEFAULT_PIDS_LIMIT = 256;
    /** {@code sandbox.user}: uid:gid 1000:1000. */
    public static final String DEFAULT_USER = "1000:1000";
    /** {@code sandbox.tmpfs-size}: the writable {@code /tmp}, 64 MiB. */
    public static final long DEFAULT_TMPFS_BYTES = 64L * 1024 * 1024;
    /** {@code sandbox.command-timeout}: 60 s per command (and per test run). */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** {@code sandbox.output-cap}: 1 MiB kept per stream. */
    public static final long DEFAULT_OUTPUT_CAP_BYTES = 1024L * 1024;
    /** {@code sandbox.start-timeout}: 30 s for a container to start and answer. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** {@code sandbox.kill-grace}: after a time limit, 5 s for the tree to die before the container is killed. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);
    /** The in-container path of the task's workspace. */
    public static final String WORKSPACE_MOUNT = "/workspace";

    private final Map<Language, String> images;
    private final String network;
    private final long memoryBytes;
    private final double cpus;
    private final double toolCpus;
    private final long pidsLimit;
    private final String user;
    private final boolean readOnlyRootFilesystem;
    private final long tmpfsBytes;
    private final Duration commandTimeout;
    private final long outputCapBytes;
    private final Duration startTimeout;
    private final Duration killGrace;
    private final CommandPolicy commandPolicy;
    private final ScanPolicy scanPolicy;
    private final AllowedDependencies allowedDependencies;

    private SandboxConfig(Builder b) {
        this.images = Map.copyOf(b.images);
        this.network = b.network;
        this.memoryBytes = b.memoryBytes;
        this.cpus = b.cpus;
        this.toolCpus = b.toolCpus;
        this.pidsLimit = b.pidsLimit;
        this.user = b.user;
        this.readOnlyRootFilesystem = b.readOnlyRootFilesystem;
        this.tmpfsBytes = b.tmpfsBytes;
        this.commandTimeout = b.commandTimeout;
        this.outputCapBytes = b.outputCapBytes;
        this.startTimeout = b.startTimeout;
        this.killGrace = b.killGrace;
        this.commandPolicy = b.commandPolicy;
        this.scanPolicy = b.scanPolicy;
        this.allowedDependencies = b.allowedDependencies;
    }

    /** {@return all defaults} */
    public static SandboxConfig defaults() {
        return builder().build();
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder starting from this config's values} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.images = new EnumMap<>(images.isEmpty() ? Map.of() : images);
        b.network = network;
        b.memoryBytes = memoryBytes;
        b.cpus = cpus;
        b.toolCpus = toolCpus;
        b.pidsLimit = pidsLimit;
        b.user = user;
        b.readOnlyRootFilesystem = readOnlyRootFilesystem;
        b.tmpfsBytes = tmpfsBytes;
        b.commandTimeout = commandTimeout;
        b.outputCapBytes = outputCapBytes;
        b.startTimeout = startTimeout;
        b.killGrace = killGrace;
        b.commandPolicy = commandPolicy;
        b.scanPolicy = scanPolicy;
        b.allowedDependencies = allowedDependencies;
        return b;
    }

    /**
     * {@return the image for a language, or empty when none is configured}
     *
     * @param language the language
     */
    public Optional<String> image(Language language) {
        return Optional.ofNullable(images.get(language));
    }

    /** {@return the image per language} */
    public Map<Language, String> images() {
        return images;
    }

    /**
     * Docker network mode: {@code none} (default) or {@code bridge}.
     *
     * @return the network mode
     */
    public String network() {
        return network;
    }

    /**
     * Memory limit in bytes; swap is off (the swap limit equals it).
     *
     * @return the memory limit in bytes
     */
    public long memoryBytes() {
        return memoryBytes;
    }

    /** {@return the CPUs every command may use} Default {@link #DEFAULT_CPUS}. */
    public double cpus() {
        return cpus;
    }

    /**
     * {@return the most CPUs a command that asks for more than {@link #cpus()} gets for its duration} ({@link
     * dev.agentloop.core.spi.ExecRequest#cpus()}: the library's own tools, such as the repository map's parser, never
     * the model's or the project's commands); at or below {@link #cpus()} no command ever gets more.
     */
    public double toolCpus() {
        return toolCpus;
    }

    /** {@return the most processes a container may hold} Default {@link #DEFAULT_PIDS_LIMIT}. */
    public long pidsLimit() {
        return pidsLimit;
    }

    /** {@return the user commands run as, {@code uid} or {@code uid:gid}} */
    public String user() {
        return user;
    }

    /**
     * {@return whether the container's root filesystem is read-only (a tmpfs {@code /tmp} stays writable)} Default
     * true.
     */
    public boolean readOnlyRootFilesystem() {
        return readOnlyRootFilesystem;
    }

    /** {@return the size of the writable {@code /tmp}, in bytes} Default {@link #DEFAULT_TMPFS_BYTES}. */
    public long tmpfsBytes() {
        return tmpfsBytes;
    }

    /** {@return the time limit of a command or test run that names none} */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Bytes kept per output stream; the rest is counted and cut.
     *
     * @return the cap in bytes
     */
    public long outputCapBytes() {
        return outputCapBytes;
    }

    /** {@return how long a container may take to start and answer} Default {@link #DEFAULT_START_TIMEOUT}. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /**
     * {@return how long a process tree has to die after a time limit before it is killed} Default {@link
     * #DEFAULT_KILL_GRACE}.
     */
    public Duration killGrace() {
        return killGrace;
    }

    /** {@return the execution hooks: rules that refuse commands, and rules for commands that need an approval} */
    public CommandPolicy commandPolicy() {
        return commandPolicy;
    }

    /** {@return the static scan's settings} */
    public ScanPolicy scanPolicy() {
        return scanPolicy;
    }

    /** {@return the packages generated code may use, per language and project type} */
    public AllowedDependencies allowedDependencies() {
        return allowedDependencies;
    }

    /** {@return the numeric uid of {@link #user()}} */
    public int uid() {
        return Integer.parseInt(user.split(":", 2)[0]);
    }

    /** {@return the numeric gid of {@link #user()}, the uid when none is given} */
    public int gid() {
        String[] parts = user.split(":", 2);
        return Integer.parseInt(parts.length == 2 ? parts[1] : parts[0]);
    }

    @Override
    public String toString() {
        return "SandboxConfig{images=" + images + ", network=" + network + ", memory=" + memoryBytes + ", cpus="
                + cpus + ", toolCpus=" + toolCpus + ", pids=" + pidsLimit + ", user=" + user + ", readOnlyRoot="
                + readOnlyRootFilesystem
                + ", tmpfs=" + tmpfsBytes + ", commandTimeout=" + commandTimeout + ", outputCap=" + outputCapBytes
                + ", rules=" + commandPolicy.rules().size() + ", scan=" + scanPolicy + "}";
    }

    /** Builds a {@link SandboxConfig}; every setter rejects a bad value naming it. */
    public static final class Builder {
        private Map<Language, String> images = new EnumMap<>(DEFAULT_IMAGES);
        private String network = DEFAULT_NETWORK;
        private long memoryBytes = DEFAULT_MEMORY_BYTES;
        private double cpus = DEFAULT_CPUS;
        private double toolCpus = DEFAULT_TOOL_CPUS;
        private long pidsLimit = DEFAULT_PIDS_LIMIT;
        private String user = DEFAULT_USER;
        private boolean readOnlyRootFilesystem = true;
        private long tmpfsBytes = DEFAULT_TMPFS_BYTES;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private long outputCapBytes = DEFAULT_OUTPUT_CAP_BYTES;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration killGrace = DEFAULT_KILL_GRACE;
        private CommandPolicy commandPolicy = CommandPolicy.defaults();
        private ScanPolicy scanPolicy = ScanPolicy.defaults();
        private AllowedDependencies allowedDependencies = AllowedDependencies.defaults();

        private Builder() {}

        /**
         * Sets the image of one language.
         *
         * @param language the language
         * @param image an image name, without blanks
         * @return this builder
         */
        public Builder image(Language language, String image) {
            Objects.requireNonNull(language, "language");
            if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "image for " + language.id() + " must be an image name, was '" + image + "'");
            }
            images.put(language, image);
            return this;
        }

        /**
         * {@code none} or {@code bridge}.
         *
         * @param value the network
         * @return this builder
         */
        public Builder network(String value) {
            if (!"none".equals(value) && !"bridge".equals(value)) {
                throw new IllegalArgumentException("network must be 'none' or 'bridge', was '" + value + "'");
            }
            this.network = value;
            return this;
        }

        /**
         * At least 16 MiB.
         *
         * @param value the memory bytes
         * @return this builder
         */
        public Builder memoryBytes(long value) {
            if (value < 16L * 1024 * 1024) {
                throw new IllegalArgumentException("memory must be at least 16 MiB, was " + value + " bytes");
            }
            this.memoryBytes = value;
            return this;
        }

        /**
         * Between 0.01 and 64.
         *
         * @param value the cpus
         * @return this builder
         */
        public Builder cpus(double value) {
            if (!(value >= 0.01 && value <= 64)) {
                throw new IllegalArgumentException("cpus must be between 0.01 and 64, was " + value);
            }
            this.cpus = value;
            return this;
        }

        /**
         * The most CPUs a command asking for more than {@link #cpus(double)} gets (see {@link
         * SandboxConfig#toolCpus()}); between 0.01 and 64; default {@link #DEFAULT_TOOL_CPUS}.
         *
         * @param value the CPUs
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder toolCpus(double value) {
            if (!(value >= 0.01 && value <= 64)) {
                throw new IllegalArgumentException("tool-cpus must be between 0.01 and 64, was " + value);
            }
            this.toolCpus = value;
            return this;
        }

        /**
         * At least 8: the agent, a shell and a test runner need a few.
         *
         * @param value the pids limit
         * @return this builder
         */
        public Builder pidsLimit(long value) {
            if (value < 8) {
                throw new IllegalArgumentException("pids-limit must be at least 8, was " + value);
            }
            this.pidsLimit = value;
            return this;
        }

        /**
         * A numeric {@code uid} or {@code uid:gid}; root (0) is refused.
         *
         * @param value the user
         * @return this builder
         */
        public Builder user(String value) {
            if (value == null || !value.matches("\\d+(:\\d+)?")) {
                throw new IllegalArgumentException("user must be a numeric uid or uid:gid, was '" + value + "'");
            }
            if (value.equals("0") || value.startsWith("0:")) {
                throw new IllegalArgumentException("user must not be root (0), was '" + value + "'");
            }
            this.user = value;
            return this;
        }

        /**
         * Whether the root filesystem is read-only; default true. Turn it off only for a runner that must write outside
         * the workspace and {@code /tmp}.
         *
         * @param value true for a read-only root
         * @return this builder
         */
        public Builder readOnlyRootFilesystem(boolean value) {
            this.readOnlyRootFilesystem = value;
            return this;
        }

        /**
         * At least 1 MiB.
         *
         * @param value the tmpfs bytes
         * @return this builder
         */
        public Builder tmpfsBytes(long value) {
            if (value < 1024L * 1024) {
                throw new IllegalArgumentException("tmpfs-size must be at least 1 MiB, was " + value + " bytes");
            }
            this.tmpfsBytes = value;
            return this;
        }

        /**
         * Positive.
         *
         * @param value the command timeout
         * @return this builder
         */
        public Builder commandTimeout(Duration value) {
            this.commandTimeout = positive("command-timeout", value);
            return this;
        }

        /**
         * At least 1 KiB.
         *
         * @param value the output cap bytes
         * @return this builder
         */
        public Builder outputCapBytes(long value) {
            if (value < 1024) {
                throw new IllegalArgumentException("output-cap must be at least 1 KiB, was " + value + " bytes");
            }
            this.outputCapBytes = value;
            return this;
        }

        /**
         * Positive.
         *
         * @param value the start timeout
         * @return this builder
         */
        public Builder startTimeout(Duration value) {
            this.startTimeout = positive("start-timeout", value);
            return this;
        }

        /**
         * Positive.
         *
         * @param value the kill grace
         * @return this builder
         */
        public Builder killGrace(Duration value) {
            this.killGrace = positive("kill-grace", value);
            return this;
        }

        /**
         * The execution hooks. Default {@link CommandPolicy#defaults()}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder commandPolicy(CommandPolicy value) {
            this.commandPolicy = Objects.requireNonNull(value, "commandPolicy");
            return this;
        }

        /**
         * The static scan's settings. Default {@link ScanPolicy#defaults()}.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder scanPolicy(ScanPolicy value) {
            this.scanPolicy = Objects.requireNonNull(value, "scanPolicy");
            return this;
        }

        /**
         * The packages generated code may use. Default {@link AllowedDependencies#defaults()}.
         *
         * @param value the allow-list
         * @return this builder
         */
        public Builder allowedDependencies(AllowedDependencies value) {
            this.allowedDependencies = Objects.requireNonNull(value, "allowedDependencies");
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException when fields contradict each other (the tmpfs larger than the memory)
         */
        public SandboxConfig build() {
            if (tmpfsBytes > memoryBytes) {
                throw new IllegalArgumentException("tmpfs-size (" + tmpfsBytes + " bytes) must not exceed memory ("
                        + memoryBytes + " bytes): the tmpfs is charged to the container's memory");
            }
            return new SandboxConfig(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
