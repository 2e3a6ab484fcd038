package dev.agentloop.server;

import dev.agentloop.core.model.SecretRedactor;
import dev.agentloop.git.GitSources;
import dev.agentloop.server.internal.api.ApiServer;
import dev.agentloop.server.internal.json.EventJson;
import dev.agentloop.server.internal.json.SubmissionCodec;
import dev.agentloop.server.internal.metrics.Cached;
import dev.agentloop.server.internal.metrics.ServerMetrics;
import dev.agentloop.server.internal.queue.LiveEvents;
import dev.agentloop.server.internal.queue.RepoSources;
import dev.agentloop.server.internal.queue.TaskQueue;
import dev.agentloop.server.internal.queue.Workers;
import dev.agentloop.server.internal.store.ApprovalStore;
import dev.agentloop.server.internal.store.AuditLog;
import dev.agentloop.server.internal.store.Db;
import dev.agentloop.server.internal.store.EventStore;
import dev.agentloop.server.internal.store.ServerSchema;
import dev.agentloop.server.internal.store.TaskStore;
import dev.agentloop.server.spi.HealthCheck;
import dev.agentloop.server.spi.TaskAgents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task service: a REST API (tasks, live events, approvals), {@code /metrics}, {@code /health} and a dashboard,
 * over a job queue in PostgreSQL that any number of servers share. Each server runs up to
 * {@link ServerConfig#workers()} tasks at once; a task whose worker dies is taken over by another.
 *
 * <pre>{@code
 * try (AgentServer server = AgentServer.builder()
 *         .config(ServerConfig.builder().port(8080).workers(2).build())
 *         .dataSource(pool)
 *         .agents(request ->
 * Agent.builder()...listener(request.listener()).approvalHandler(request.approvals()).build())
 *         .tokens(ApiTokens.parse(System.getenv("AGENT_API_TOKEN")))
 *         .build()) {
 *     server.start();
 *     ...
 * }
 * }</pre>
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

    private final ServerConfig config;
    private final DataSource dataSource;
    private final TaskAgents agents;
    private final ApiTokens tokens;
    private final List<HealthCheck> checks;
    private final Clock clock;
    private final GitSources gitSources;
    private final PrometheusMeterRegistry registry;
    private final SecretRedactor redactor;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ScheduledExecutorService executor;
    private Workers workers;
    private ApiServer api;

    private AgentServer(Builder b) {
        this.config = b.config;
        this.dataSource = b.dataSource;
        this.agents = b.agents;
        this.tokens = b.tokens;
        this.checks = List.copyOf(b.checks);
        this.clock = b.clock;
        this.gitSources = b.gitSources;
        this.registry = b.registry;
        Map<String, String> secrets = new HashMap<>(b.environment);
        List<String> values = tokens.values();
        for (int i = 0; i < values.size(); i++) {
            secrets.put("AGENT_API_TOKEN_" + i, values.get(i));
        }
        this.redactor = SecretRedactor.of(secrets);
    }

    /** {@return a builder; a data source and the agents are required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates or upgrades the server's tables, then starts the API (unless disabled) and the workers (unless 0).
     *
     * @throws ServerException when the server would listen beyond loopback without a token, the database is not
     *     usable, or the port cannot be bound; nothing is left running then
     * @throws IllegalStateException when called twice
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The server was started already.");
        }
        if (config.apiEnabled() && tokens.isEmpty() && !isLoopback(config.bind())) {
            throw new ServerException("Refusing to listen on " + config.bind() + " without a token: set AGENT_API_TOKEN"
                    + " (name:token, comma-separated) or bind to 127.0.0.1.");
        }
        try {
            ServerSchema.migrate(dataSource, config.schema());
            Db db = new Db(dataSource, config.schema());
            TaskStore tasks = new TaskStore(db);
            EventStore events = new EventStore(db);
            ApprovalStore approvals = new ApprovalStore(db);
            AuditLog audit = new AuditLog(db);
            EventJson json = new EventJson(redactor);
            SubmissionCodec codec = new SubmissionCodec(config);
            RepoSources sources = new RepoSources(gitSources, config.repoRoots(), config.repoCache());
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "agentloop-server-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            ServerMetrics metrics =
                    new ServerMetrics(registry, new Cached<>(tasks::countByState, Duration.ofSeconds(1), clock));
            LiveEvents[] live = {LiveEvents.NONE};
            workers = new Workers(new Workers.Parts(
                    db,
                    tasks,
                    events,
                    approvals,
                    json,
                    codec,
                    agents,
                    sources,
                    taskId -> live[0].wake(taskId),
                    metrics,
                    config,
                    executor,
                    clock));
            metrics.bindRunning(workers::running, config.workerName());
            TaskQueue queue = workers.queue();
            if (config.apiEnabled()) {
                api = new ApiServer(new ApiServer.Parts(
                        config, tokens, db, tasks, events, approvals, audit, codec, sources, queue, registry, checks,
                        executor, clock));
                live[0] = api.live();
                api.start();
            }
            if (config.workers() > 0) {
                workers.start();
            }
            LOG.info(
                    "agentloop server {} started: {}, {} worker(s){}",
                    config.workerName(),
                    config.apiEnabled() ? "API on " + config.bind() + ":" + port() : "no API",
                    config.workers(),
                    tokens.isEmpty() ? ", no token (loopback only)" : ", tokens " + tokens.names());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * {@return the port the API listens on (the chosen one when configured as 0)}
     *
     * @throws IllegalStateException when the API is not running
     */
    public int port() {
        if (api == null) {
            throw new IllegalStateException("The API is not running (not started, or started with no API).");
        }
        return api.port();
    }

    /** {@return the server's meters, for the host to add its own (the memory's and the sandbox's)} */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** {@return the server's settings} */
    public ServerConfig config() {
        return config;
    }

    /**
     * Stops the API and the workers. Running tasks are not ended: they go back to the queue, for this server's next
     * start or another server. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException first = null;
        for (AutoCloseable part : new AutoCloseable[] {api, workers}) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new ServerException(e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (first != null) {
            throw first;
        }
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new ServerException("The bind address '" + host + "' is not known: " + e.getMessage(), e);
        }
    }

    /** Builds an {@link AgentServer}. A data source and the agents are required. */
    public static final class Builder {
        private ServerConfig config = ServerConfig.ofDefaults();
        private DataSource dataSource;
        private TaskAgents agents;
        private ApiTokens tokens = ApiTokens.none();
        private final List<HealthCheck> checks = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private GitSources gitSources = GitSources.ofDefaults();
        private PrometheusMeterRegistry registry;
        private Map<String, String> environment = System.getenv();

        private Builder() {}

        /**
         * Default {@link ServerConfig#ofDefaults()}.
         *
         * @param value the config
         * @return this builder
         */
        public Builder config(ServerConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * The database (normally the memory's pool): the server's tables, the queue. Required.
         *
         * @param value the data source
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * Builds each run's agent. Required.
         *
         * @param value the agents
         * @return this builder
         */
        public Builder agents(TaskAgents value) {
            this.agents = Objects.requireNonNull(value, "agents");
            return this;
        }

        /**
         * The API's bearer tokens. Default none: open API, loopback only.
         *
         * @param value the tokens
         * @return this builder
         */
        public Builder tokens(ApiTokens value) {
            this.tokens = Objects.requireNonNull(value, "tokens");
            return this;
        }

        /**
         * A dependency for {@code /health} besides the database (Docker, the model endpoint).
         *
         * @param value the health check
         * @return this builder
         */
        public Builder healthCheck(HealthCheck value) {
            checks.add(Objects.requireNonNull(value, "healthCheck"));
            return this;
        }

        /**
         * Default {@link Clock#systemUTC()}.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How repository tasks get their working copies. Default {@link GitSources#ofDefaults()}.
         *
         * @param value the git sources
         * @return this builder
         */
        public Builder gitSources(GitSources value) {
            this.gitSources = Objects.requireNonNull(value, "gitSources");
            return this;
        }

        /**
         * The registry {@code /metrics} shows. Default a new one.
         *
         * @param value the meter registry
         * @return this builder
         */
        public Builder meterRegistry(PrometheusMeterRegistry value) {
            this.registry = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /**
         * The environment whose secret-looking values are redacted from events and results (besides the API tokens).
         * Default the process's.
         *
         * @param value the environment, e.g. {@code System.getenv()}
         * @return this builder
         */
        public Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(Objects.requireNonNull(value, "environment"));
            return this;
        }

        /**
         * @return the server, not started yet
         * @throws IllegalStateException naming what is missing
         */
        public AgentServer build() {
            if (dataSource == null) {
                throw new IllegalStateException("A server needs a database: call dataSource(...) on the builder.");
            }
            if (agents == null) {
                throw new IllegalStateException("A server needs its agents: call agents(...) on the builder.");
            }
            if (registry == null) {
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            }
            return new AgentServer(this);
        }
    }
}
