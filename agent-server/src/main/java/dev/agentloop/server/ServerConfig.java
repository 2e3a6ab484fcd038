package dev.agentloop.server;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.server.internal.store.ServerSchema;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link AgentServer} listens, how many tasks it runs at once, and how its queue behaves. Immutable; build
 * with {@link #builder()}.
 */
public final class ServerConfig {

    /** Default address: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Default port. */
    public static final int DEFAULT_PORT = 8080;
    /** Default number of tasks one process runs at once. */
    public static final int DEFAULT_WORKERS = 2;
    /** Default largest request body: 64 KiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Default time between a worker's heartbeats. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
    /** Default number of missed heartbeats after which a worker is taken for dead and its task taken over. */
    public static final int DEFAULT_MISSED_HEARTBEATS = 6;
    /** Default time between two looks at the queue when nothing woke the worker. */
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(2);
    /** Default time a run waits for a person's approval before it is denied. */
    public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(30);
    /** Default time between two looks at the database for a live event stream or a cancel request. */
    public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofMillis(250);
    /** Default schema of the server's tables. */
    public static final String DEFAULT_SCHEMA = "public";

    private final String bind;
    private final int port;
    private final int workers;
    private final boolean apiEnabled;
    private final long maxBodyBytes;
    private final String workerName;
    private final Duration heartbeat;
    private final int missedHeartbeats;
    private final Duration pollingInterval;
    private final Duration approvalTimeout;
    private final Duration watchInterval;
    private final Optional<Double> dailyCostCap;
    private final String schema;
    private final Language defaultLanguage;
    private final ProjectType defaultProjectType;
    private final TaskMode defaultMode;
    private final List<Path> repoRoots;
    private final Path repoCache;

    private ServerConfig(Builder b) {
        this.bind = b.bind;
        this.port = b.port;
        this.workers = b.workers;
        this.apiEnabled = b.apiEnabled;
        this.maxBodyBytes = b.maxBodyBytes;
        this.workerName = b.workerName == null ? defaultWorkerName() : b.workerName;
        this.heartbeat = b.heartbeat;
        this.missedHeartbeats = b.missedHeartbeats;
        this.pollingInterval = b.pollingInterval;
        this.approvalTimeout = b.approvalTimeout;
        this.watchInterval = b.watchInterval;
        this.dailyCostCap = b.dailyCostCap;
        this.schema = b.schema;
        this.defaultLanguage = b.defaultLanguage;
        this.defaultProjectType = b.defaultProjectType;
        this.defaultMode = b.defaultMode;
        this.repoRoots = List.copyOf(b.repoRoots);
        this.repoCache = b.repoCache;
    }

    /** {@return every default} */
    public static ServerConfig ofDefaults() {
        return builder().build();
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the address the API listens on; default {@value #DEFAULT_BIND}} */
    public String bind() {
        return bind;
    }

    /** {@return the API's port; 0 picks a free one (see {@link AgentServer#port()})} Default {@value #DEFAULT_PORT}. */
    public int port() {
        return port;
    }

    /**
     * Tasks this process runs at once; 0 makes an API-only server. Default {@value #DEFAULT_WORKERS}.
     *
     * @return the number of workers
     */
    public int workers() {
        return workers;
    }

    /** {@return whether the HTTP API is served; false makes a pure worker} Default true. */
    public boolean apiEnabled() {
        return apiEnabled;
    }

    /** {@return the largest request body accepted; larger ones get 413} Default 64 KiB. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** {@return this process's name in the queue, the task rows and the metrics; default {@code host-pid}} */
    public String workerName() {
        return workerName;
    }

    /**
     * Time between heartbeats of a running task. Default 5 s.
     *
     * @return the heartbeat interval
     */
    public Duration heartbeat() {
        return heartbeat;
    }

    /**
     * Missed heartbeats after which a running task's worker is taken for dead. Default 6.
     *
     * @return the number of heartbeats
     */
    public int missedHeartbeats() {
        return missedHeartbeats;
    }

    /**
     * Time after which a worker that stopped sending heartbeats is taken for dead.
     *
     * @return {@code heartbeat} times {@code missedHeartbeats}
     */
    public Duration deadAfter() {
        return heartbeat.multipliedBy(missedHeartbeats);
    }

    /**
     * Time between looks at the queue. Default 2 s (a submission on this process wakes it at once).
     *
     * @return the polling interval
     */
    public Duration pollingInterval() {
        return pollingInterval;
    }

    /** {@return how long a run waits for a person's approval before it is denied} Default 30 min. */
    public Duration approvalTimeout() {
        return approvalTimeout;
    }

    /**
     * Time between looks at the database for live events and cancel requests. Default 250 ms.
     *
     * @return the watch interval
     */
    public Duration watchInterval() {
        return watchInterval;
    }

    /**
     * Spend per UTC day, across all workers, after which no new task starts; empty for no cap.
     *
     * @return the cap, or empty
     */
    public Optional<Double> dailyCostCap() {
        return dailyCostCap;
    }

    /** {@return the schema of the server's tables (the memory's, normally)} Default {@value #DEFAULT_SCHEMA}. */
    public String schema() {
        return schema;
    }

    /** {@return the language of a submission that names none} Default python. */
    public Language defaultLanguage() {
        return defaultLanguage;
    }

    /** {@return the project type of a submission that names none} Default library. */
    public ProjectType defaultProjectType() {
        return defaultProjectType;
    }

    /** {@return the mode of a submission that names none} Default supervised. */
    public TaskMode defaultMode() {
        return defaultMode;
    }

    /**
     * Folders under which a submission may name a local repository; empty (the default) refuses local folders, so
     * that a token does not open the server's whole disk. Git URLs (https, ssh, git) are always accepted.
     *
     * @return the allowed folders, absolute and normalised
     */
    public List<Path> repoRoots() {
        return repoRoots;
    }

    /** {@return where clones of git URLs are cached} Default {@code ~/.agentloop/repos}. */
    public Path repoCache() {
        return repoCache;
    }

    private static String defaultWorkerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    /** Builds a {@link ServerConfig}; each setter rejects a bad value, naming it. */
    public static final class Builder {
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private int workers = DEFAULT_WORKERS;
        private boolean apiEnabled = true;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private String workerName;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private int missedHeartbeats = DEFAULT_MISSED_HEARTBEATS;
        private Duration pollingInterval = DEFAULT_POLLING_INTERVAL;
        private Duration approvalTimeout = DEFAULT_APPROVAL_TIMEOUT;
        private Duration watchInterval = DEFAULT_WATCH_INTERVAL;
        private Optional<Double> dailyCostCap = Optional.empty();
        private String schema = DEFAULT_SCHEMA;
        private Language defaultLanguage = Language.PYTHON;
        private ProjectType defaultProjectType = ProjectType.LIBRARY;
        private TaskMode defaultMode = TaskMode.SUPERVISED;
        private List<Path> repoRoots = List.of();
        private Path repoCache = Path.of(System.getProperty("user.home"), ".agentloop", "repos");

        private Builder() {}

        /**
         * The address the API listens on. Default {@value #DEFAULT_BIND}.
         *
         * @param value an address such as {@code 127.0.0.1}, not blank
         * @return this builder
         * @throws IllegalArgumentException when it is blank
         */
        public Builder bind(String value) {
            Objects.requireNonNull(value, "bind");
            if (value.isBlank()) {
                throw new IllegalArgumentException("bind must be an address such as 127.0.0.1, was blank");
            }
            this.bind = value.strip();
            return this;
        }

        /**
         * The API's port; 0 picks a free one. Default {@value #DEFAULT_PORT}.
         *
         * @param value 0..65535
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * Tasks this process runs at once; 0 makes an API-only server. Default {@value #DEFAULT_WORKERS}.
         *
         * @param value 0..256
         * @return this builder
         * @throws IllegalArgumentException outside that range
         */
        public Builder workers(int value) {
            if (value < 0 || value > 256) {
                throw new IllegalArgumentException("workers must be 0..256, was " + value);
            }
            this.workers = value;
            return this;
        }

        /**
         * Whether the HTTP API is served; false makes a pure worker. Default true.
         *
         * @param value true to serve the API
         * @return this builder
         */
        public Builder apiEnabled(boolean value) {
            this.apiEnabled = value;
            return this;
        }

        /**
         * The largest request body accepted. Default {@value #DEFAULT_MAX_BODY_BYTES} bytes.
         *
         * @param value at least 1024
         * @return this builder
         * @throws IllegalArgumentException when smaller
         */
        public Builder maxBodyBytes(long value) {
            if (value < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + value);
            }
            this.maxBodyBytes = value;
            return this;
        }

        /**
         * The name this worker is known by in the queue and the metrics.
         *
         * @param value 1 to 100 letters, digits, {@code .}, {@code _}, {@code :} or {@code -}
         * @return this builder
         * @throws IllegalArgumentException for another name
         */
        public Builder workerName(String value) {
            Objects.requireNonNull(value, "workerName");
            if (!value.matches("[A-Za-z0-9._:-]{1,100}")) {
                throw new IllegalArgumentException(
                        "workerName must be 1 to 100 letters, digits, '.', '_', ':' or '-', was '" + value + "'");
            }
            this.workerName = value;
            return this;
        }

        /**
         * Time between heartbeats of a running task. Default 5 s.
         *
         * @param value positive
         * @return this builder
         */
        public Builder heartbeat(Duration value) {
            this.heartbeat = positive(value, "heartbeat");
            return this;
        }

        /**
         * Missed heartbeats after which a running task's worker is taken for dead. Default {@value
         * #DEFAULT_MISSED_HEARTBEATS}.
         *
         * @param value at least 2
         * @return this builder
         * @throws IllegalArgumentException when below 2
         */
        public Builder missedHeartbeats(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("missedHeartbeats must be at least 2, was " + value);
            }
            this.missedHeartbeats = value;
            return this;
        }

        /**
         * Time between looks at the queue. Default 2 s.
         *
         * @param value positive
         * @return this builder
         */
        public Builder pollingInterval(Duration value) {
            this.pollingInterval = positive(value, "pollingInterval");
            return this;
        }

        /**
         * How long a run waits for a person's approval before it is denied. Default 30 min.
         *
         * @param value positive
         * @return this builder
         */
        public Builder approvalTimeout(Duration value) {
            this.approvalTimeout = positive(value, "approvalTimeout");
            return this;
        }

        /**
         * Time between looks at the database for live events and cancel requests. Default 250 ms.
         *
         * @param value positive
         * @return this builder
         */
        public Builder watchInterval(Duration value) {
            this.watchInterval = positive(value, "watchInterval");
            return this;
        }

        /**
         * Empty for no cap.
         *
         * @param value the daily cost cap
         * @return this builder
         */
        public Builder dailyCostCap(Optional<Double> value) {
            Objects.requireNonNull(value, "dailyCostCap");
            value.ifPresent(v -> {
                if (!(v >= 0) || v.isInfinite()) {
                    throw new IllegalArgumentException("dailyCostCap must be a number >= 0, was " + v);
                }
            });
            this.dailyCostCap = value;
            return this;
        }

        /**
         * The schema of the server's tables. Default {@value #DEFAULT_SCHEMA}.
         *
         * @param value a lower-case SQL identifier
         * @return this builder
         * @throws IllegalArgumentException for another name
         */
        public Builder schema(String value) {
            this.schema = ServerSchema.requireName(value);
            return this;
        }

        /**
         * The language of a submission that names none. Default Python.
         *
         * @param value the language
         * @return this builder
         */
        public Builder defaultLanguage(Language value) {
            this.defaultLanguage = Objects.requireNonNull(value, "defaultLanguage");
            return this;
        }

        /**
         * The project type of a submission that names none. Default library.
         *
         * @param value the project type
         * @return this builder
         */
        public Builder defaultProjectType(ProjectType value) {
            this.defaultProjectType = Objects.requireNonNull(value, "defaultProjectType");
            return this;
        }

        /**
         * The approval mode of a submission that names none. Default {@link TaskMode#SUPERVISED}.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder defaultMode(TaskMode value) {
            this.defaultMode = Objects.requireNonNull(value, "defaultMode");
            return this;
        }

        /**
         * Folders under which a submission may name a local repository; empty (the default) refuses local folders.
         *
         * @param value the folders
         * @return this builder
         */
        public Builder repoRoots(List<Path> value) {
            Objects.requireNonNull(value, "repoRoots");
            this.repoRoots =
                    value.stream().map(p -> p.toAbsolutePath().normalize()).toList();
            return this;
        }

        /**
         * Where clones of git URLs are cached. Default {@code ~/.agentloop/repos}.
         *
         * @param value the folder
         * @return this builder
         */
        public Builder repoCache(Path value) {
            this.repoCache = Objects.requireNonNull(value, "repoCache");
            return this;
        }

        /**
         * @return the config
         * @throws IllegalArgumentException when the polling interval is not shorter than the time after which a
         *     worker is taken for dead (the queue would take live workers for dead)
         */
        public ServerConfig build() {
            if (pollingInterval.compareTo(heartbeat.multipliedBy(missedHeartbeats)) >= 0) {
                throw new IllegalArgumentException("pollingInterval (" + pollingInterval
                        + ") must be shorter than heartbeat x missedHeartbeats ("
                        + heartbeat.multipliedBy(missedHeartbeats) + ")");
            }
            return new ServerConfig(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
