package dev.agentloop.cli.env;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.model.MissingApiKeyException;
import dev.agentloop.cli.model.ModelSettings;
import dev.agentloop.cli.model.OpenAiModelFactory;
import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.Language;
import dev.agentloop.core.Role;
import dev.agentloop.core.audit.AuditTrail;
import dev.agentloop.core.model.RoleAwareChatModel;
import dev.agentloop.core.model.ScriptException;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.InMemoryFailureMemory;
import dev.agentloop.memory.IndexBuildSettings;
import dev.agentloop.memory.MemoryHealth;
import dev.agentloop.memory.PgAuditTrail;
import dev.agentloop.memory.PgVectorFailureMemory;
import dev.agentloop.memory.ReindexListener;
import dev.agentloop.sandbox.DockerSandbox;
import dev.agentloop.sandbox.ProcessSandbox;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The real backends: the PostgreSQL/pgvector memory, the Docker sandbox, and a scripted model or an
 * OpenAI-compatible endpoint. Each service is probed before it is opened, so that a missing one is reported in
 * under a second with the command that fixes it.
 */
public final class DefaultBackends implements Backends {

    private final Map<String, String> env;
    private final Path projectDir;
    private final Path userHome;

    /**
     * @param env the environment ({@code DOCKER_HOST}, the database password, ...)
     * @param projectDir the project folder: {@code config/prompts}, the workspace root, relative paths in the config
     * @param userHome what {@code ~/} stands for in {@code memory.spool-file}
     */
    public DefaultBackends(Map<String, String> env, Path projectDir, Path userHome) {
        this.env = Map.copyOf(env);
        this.projectDir = Objects.requireNonNull(projectDir, "projectDir");
        this.userHome = Objects.requireNonNull(userHome, "userHome");
    }

    /** Backends whose {@code ~/} is the JVM's {@code user.home}. */
    public DefaultBackends(Map<String, String> env, Path projectDir) {
        this(env, projectDir, Path.of(System.getProperty("user.home")));
    }

    private PgVectorFailureMemory openPgMemory(CliConfig config, boolean acceptModelChange) {
        return MemoryOpener.open(config, MemorySettings.from(config, userHome, projectDir), env, acceptModelChange);
    }

    @Override
    public FailureMemory openMemory(CliConfig config) {
        return openPgMemory(config, false);
    }

    @Override
    public MemoryReader openReader(CliConfig config) {
        return MemoryOpener.openReader(
                config, MemorySettings.from(config, userHome, projectDir).spoolFile());
    }

    @Override
    public MemoryAdmin openMemoryAdmin(CliConfig config, boolean forReembed) {
        PgVectorFailureMemory memory = openPgMemory(config, forReembed);
        return new MemoryAdmin() {
            @Override
            public String schemaVersion() {
                return memory.stats().schemaVersion();
            }

            @Override
            public long reembed(Progress progress) {
                return memory.reembed(progress::update);
            }

            @Override
            public List<String> reindex(IndexBuildSettings settings, ReindexListener listener) {
                return memory.reindex(settings, listener);
            }

            @Override
            public void close() {
                memory.close();
            }
        };
    }

    @Override
    public AuditTrail openAuditTrail(CliConfig config, boolean forWriting) {
        try (MemoryReader current = openReader(config)) {
            // the tables are there and current
        } catch (EnvironmentNotReadyException e) {
            if (!forWriting || !(e.getCause() instanceof dev.agentloop.memory.MemorySchemaException)) {
                throw e;
            }
            openPgMemory(config, false).close(); // applies the migrations
        }
        return new PgAuditTrail(
                config.get(ConfigSchema.DB_URL),
                config.get(ConfigSchema.DB_USER),
                config.find(ConfigSchema.DB_PASSWORD).orElse(MemoryOpener.DEVELOPMENT_PASSWORD),
                config.get(ConfigSchema.DB_SCHEMA));
    }

    @Override
    public RunHandle startRun(RunRequest request) {
        CliConfig config = request.config();
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        if (!isProcessSandbox(config)) {
            ServiceProbes.requireDocker(env);
            requireImage(config, request.task().language());
        }
        Map<Role, ChatModel> models = request.modelScript().isPresent()
                ? scriptedModels(request.modelScript().get())
                : endpointModels(config);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            FailureMemory memory = openPgMemory(config, false);
            resources.add(memory);
            Sandbox sandbox = openSandbox(config);
            resources.add(0, sandbox); // closed first: closing it may still report to the memory
            Agent.Builder builder = Agent.builder();
            models.forEach(builder::chatModel);
            Agent agent = builder.sandbox(sandbox)
                    .memory(memory)
                    .config(AgentWiring.agentConfig(config, projectDir))
                    .listener(request.listener())
                    .approvalHandler(request.approvals())
                    .clarificationHandler(request.clarifications())
                    .workspaceRoot(AgentWiring.workspaceRoot(config, projectDir))
                    .build();
            return new AgentRunHandle(agent.start(request.task()), resources);
        } catch (RuntimeException e) {
            Resources.closeAll(resources, e);
            throw e;
        }
    }

    @Override
    public SharedAgent openShared(SharedAgentRequest request) {
        CliConfig config = request.config();
        if (request.memory() == MemoryMode.ON) {
            ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        }
        if (!isProcessSandbox(config)) {
            ServiceProbes.requireDocker(env);
        }
        Map<Role, ChatModel> models =
                request.model().isPresent() ? forEachRole(request.model().get()) : endpointModels(config);
        AgentConfig agentConfig = AgentWiring.agentConfig(config, projectDir);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            FailureMemory memory = switch (request.memory()) {
                case ON -> openPgMemory(config, false);
                case OFF -> FailureMemory.none();
                case FRESH -> freshMemory(config);
            };
            resources.add(memory);
            Sandbox sandbox = openSandbox(config);
            resources.add(0, sandbox); // closed first: closing it may still report to the memory
            Agent.Builder builder = Agent.builder();
            models.forEach(
                    (role, model) -> builder.chatModel(role, request.decorator().decorate(role, model, agentConfig)));
            Agent agent = builder.sandbox(sandbox)
                    .memory(memory)
                    .config(agentConfig)
                    .listener(request.listener())
                    .approvalHandler(request.approvals())
                    .workspaceRoot(request.workspaceRoot())
                    .build();
            return new SharedAgent(agent, sandbox, resources);
        } catch (RuntimeException e) {
            Resources.closeAll(resources, e);
            throw e;
        }
    }

    @Override
    public ServerParts openServer(ServerRequest request) {
        CliConfig config = request.config();
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        boolean process = isProcessSandbox(config);
        if (!process) {
            ServiceProbes.requireDocker(env);
        }
        java.util.function.Supplier<Map<Role, ChatModel>> models;
        if (request.modelScript().isPresent()) {
            Path script = request.modelScript().get();
            scriptedModels(script); // checked now: a bad script is a usage error, not a failed task each time
            models = () -> scriptedModels(script); // a script is used up by its run: one copy per run
        } else {
            Map<Role, ChatModel> endpoint = endpointModels(config);
            models = () -> endpoint;
        }
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            com.zaxxer.hikari.HikariDataSource pool = serverPool(config, request.workers());
            resources.add(pool);
            PgVectorFailureMemory memory = MemoryOpener.open(
                    config, MemorySettings.from(config, userHome, projectDir), env, false, java.util.Optional.of(pool));
            resources.add(0, memory);
            Sandbox sandbox = openSandbox(config);
            resources.add(0, sandbox); // closed first: closing it may still report to the memory
            ServeAgents agents = new ServeAgents(
                    AgentWiring.agentConfig(config, projectDir),
                    models,
                    dev.agentloop.server.Instruments.metered(memory, request.registry()),
                    dev.agentloop.server.Instruments.metered(sandbox, request.registry()),
                    AgentWiring.workspaceRoot(config, projectDir).resolve(request.workerName()));
            List<dev.agentloop.server.spi.HealthCheck> checks = List.of(
                    process ? ServeHealth.processSandbox() : ServeHealth.docker(env),
                    ServeHealth.model(
                            request.modelScript()
                                    .map(p -> String.valueOf(p.getParent().getFileName())),
                            config.get(ConfigSchema.BASE_URL),
                            config.find(ConfigSchema.API_KEY).orElse("")));
            return new ServerParts(pool, agents, checks, resources);
        } catch (RuntimeException e) {
            Resources.closeAll(resources, e);
            throw e;
        }
    }

    /** One pool for the server's tables, its queue and the memory: K runs, the API, the queue's own threads. */
    @Override
    public OpenedApprovals openServerApprovals(CliConfig config, java.time.Duration timeout) {
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        com.zaxxer.hikari.HikariDataSource pool = serverPool(config, 0);
        try {
            dev.agentloop.server.ServerApprovals approvals = dev.agentloop.server.ServerApprovals.builder()
                    .dataSource(pool)
                    .schema(config.get(ConfigSchema.DB_SCHEMA))
                    .timeout(timeout)
                    .build();
            return new OpenedApprovals(approvals, pool);
        } catch (dev.agentloop.server.ServerException e) {
            pool.close();
            throw new EnvironmentNotReadyException(
                    "The server's approvals are not ready: " + e.getMessage(), ServiceProbes.DB_FIX, e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public OpenedQueue openIssueQueue(
            CliConfig config,
            java.util.function.UnaryOperator<dev.agentloop.server.QueuedIssueRunner.Builder> settings) {
        try {
            ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        } catch (EnvironmentNotReadyException e) {
            String problem = e.getMessage().substring(0, e.getMessage().indexOf(" Fix: "));
            throw new EnvironmentNotReadyException(
                    "Issues go to agent serve's queue (github.runs: queue), which lives in the memory's database: "
                            + Character.toLowerCase(problem.charAt(0)) + problem.substring(1),
                    ServiceProbes.DB_FIX + ", or run the issues in this process (github.runs: local)",
                    e);
        }
        com.zaxxer.hikari.HikariDataSource pool = serverPool(config, 0);
        try {
            dev.agentloop.server.QueuedIssueRunner runner = settings.apply(
                            dev.agentloop.server.QueuedIssueRunner.builder()
                                    .dataSource(pool)
                                    .schema(config.get(ConfigSchema.DB_SCHEMA))
                                    .cacheDir(userHome.resolve(".agentloop").resolve("repos"))
                                    .workspaceRoot(AgentWiring.workspaceRoot(config, projectDir)))
                    .build();
            return new OpenedQueue(runner, pool);
        } catch (dev.agentloop.server.ServerException e) {
            pool.close();
            throw new EnvironmentNotReadyException(
                    "The queue of agent serve is not ready: " + e.getMessage(), ServiceProbes.DB_FIX, e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static com.zaxxer.hikari.HikariDataSource serverPool(CliConfig config, int workers) {
        com.zaxxer.hikari.HikariConfig pool = new com.zaxxer.hikari.HikariConfig();
        pool.setJdbcUrl(config.get(ConfigSchema.DB_URL));
        pool.setUsername(config.get(ConfigSchema.DB_USER));
        pool.setPassword(config.find(ConfigSchema.DB_PASSWORD).orElse(MemoryOpener.DEVELOPMENT_PASSWORD));
        pool.setMaximumPoolSize(Math.max(config.integer(ConfigSchema.DB_POOL_SIZE), 2 * workers + 8));
        pool.setConnectionTimeout(
                config.duration(ConfigSchema.DB_CONNECT_TIMEOUT).toMillis());
        pool.setPoolName("agentloop-server");
        try {
            return new com.zaxxer.hikari.HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new EnvironmentNotReadyException(
                    "The server's database is not ready: " + e.getMessage(), ServiceProbes.DB_FIX, e);
        }
    }

    /** A memory in this process that starts empty, with the configured embedding model and retrieval settings. */
    private FailureMemory freshMemory(CliConfig config) {
        try {
            return InMemoryFailureMemory.of(
                    EmbeddingModels.named(config.get(ConfigSchema.EMBEDDING_MODEL), env),
                    MemorySettings.from(config, userHome, projectDir).retrieval());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("models.embedding: " + e.getMessage() + ".");
        }
    }

    private static Map<Role, ChatModel> forEachRole(RoleAwareChatModel model) {
        Map<Role, ChatModel> models = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            models.put(role, model.forRole(role));
        }
        return models;
    }

    private static Map<Role, ChatModel> scriptedModels(Path script) {
        ScriptedChatModel model;
        try {
            model = ScriptedChatModel.fromFile(script);
        } catch (ScriptException e) {
            throw CliException.usage(e.getMessage());
        }
        return forEachRole(model);
    }

    /** The endpoint's models; checks the key first (no network), then that the endpoint answers. */
    private Map<Role, ChatModel> endpointModels(CliConfig config) {
        ModelSettings settings = modelSettings(config);
        Map<Role, ChatModel> models;
        try {
            models = new OpenAiModelFactory(env::get).create(settings);
        } catch (MissingApiKeyException e) {
            throw new EnvironmentNotReadyException(
                    e.getMessage(), "export OPENAI_API_KEY=... (or run the offline demo: bin/agent run --demo)", e);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage() + ".");
        }
        ServiceProbes.requireModelEndpoint(
                settings.baseUrl(), config.find(ConfigSchema.API_KEY).orElse(""));
        return models;
    }

    static ModelSettings modelSettings(CliConfig config) {
        ModelSettings settings =
                ModelSettings.of(config.get(ConfigSchema.BASE_URL), config.get(ConfigSchema.DEFAULT_MODEL));
        for (Role role : Role.values()) {
            Optional<String> model = config.find(ConfigSchema.roleKey(role));
            if (model.isPresent()) {
                settings = settings.withRoleModel(role, model.get());
            }
        }
        return settings;
    }

    /** The task's image is on the engine, or exit 3 naming it and how this project builds it. */
    private void requireImage(CliConfig config, Language language) {
        String image = config.section(ConfigSchema.SANDBOX_IMAGE_PREFIX).get(language.id());
        if (image == null) {
            return; // the sandbox itself names the missing setting
        }
        boolean present;
        try {
            present = ServiceProbes.dockerImageExists(env, image);
        } catch (java.io.IOException e) {
            return; // the engine answered a moment ago; the sandbox reports what went wrong
        }
        if (!present) {
            throw new EnvironmentNotReadyException(
                    "The sandbox image '" + image + "' is not present on the Docker engine (" + language.id()
                            + " tasks run in it).",
                    "run scripts/provision (it builds the agentloop images), or set "
                            + ConfigSchema.SANDBOX_IMAGE_PREFIX + language.id() + " to an image the engine has",
                    null);
        }
    }

    private Sandbox openSandbox(CliConfig config) {
        if (isProcessSandbox(config)) {
            // One per run: it warns (a log line and an AgentWarning event) on its first session, so once per run.
            return ProcessSandbox.builder()
                    .config(AgentWiring.sandboxConfig(config, projectDir))
                    .build();
        }
        try {
            // the command line owns this machine's sandboxes: it removes what a killed run left, and its own
            // containers when it is stopped mid-run
            return DockerSandbox.builder()
                    .config(AgentWiring.sandboxConfig(config, projectDir))
                    .reapOnStart(true)
                    .removeContainersOnShutdown(true)
                    .build();
        } catch (SandboxException e) {
            throw new EnvironmentNotReadyException(e.getMessage(), ServiceProbes.DOCKER_FIX, e);
        }
    }

    private static boolean isProcessSandbox(CliConfig config) {
        return config.get(ConfigSchema.SANDBOX_KIND).equals("process");
    }

    @Override
    public List<DoctorCheck> doctorChecks(CliConfig config) {
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(DoctorCheck.of("database reachable", () -> {
            try {
                ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
                return DoctorCheck.Result.ok(config.get(ConfigSchema.DB_URL));
            } catch (EnvironmentNotReadyException e) {
                return DoctorCheck.Result.fail(problem(e), e.fix());
            }
        }));
        checks.add(DoctorCheck.of("failure memory (pgvector, schema)", () -> memoryHealth(config)));
        checks.add(DoctorCheck.of("memory server settings", () -> serverSettings(config)));
        if (isProcessSandbox(config)) {
            checks.add(DoctorCheck.of("sandbox (sandbox.kind: process)", () -> {
                ProcessSandbox sandbox = ProcessSandbox.builder().build();
                return DoctorCheck.Result.warn(
                        sandbox.describe() + ": " + sandbox.isolationWarning(),
                        "scripts/provision, then sandbox.kind: docker in config/agent.yaml");
            }));
        } else {
            checks.add(DoctorCheck.of("Docker engine", () -> {
                try {
                    return DoctorCheck.Result.ok(ServiceProbes.requireDocker(env));
                } catch (EnvironmentNotReadyException e) {
                    return DoctorCheck.Result.fail(problem(e), e.fix());
                }
            }));
            new java.util.TreeMap<>(config.section(ConfigSchema.SANDBOX_IMAGE_PREFIX))
                    .forEach((language, image) -> checks.add(DoctorCheck.of("sandbox image " + image, () -> {
                        try {
                            return ServiceProbes.dockerImageExists(env, image)
                                    ? DoctorCheck.Result.ok("present (" + language + " tasks)")
                                    : DoctorCheck.Result.fail(
                                            "missing (" + language + " tasks need it)", "scripts/provision");
                        } catch (java.io.IOException e) {
                            return new DoctorCheck.Result(
                                    DoctorCheck.Status.SKIPPED, "the engine is not reachable", "");
                        }
                    })));
        }
        checks.add(DoctorCheck.of("model endpoint", () -> modelHealth(config)));
        return checks;
    }

    private DoctorCheck.Result memoryHealth(CliConfig config) {
        try {
            ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        } catch (EnvironmentNotReadyException e) {
            return new DoctorCheck.Result(DoctorCheck.Status.SKIPPED, "the database is not reachable", "");
        }
        try (PgVectorFailureMemory memory = openPgMemory(config, false)) {
            MemoryHealth h = memory.health();
            String detail = "pgvector " + (h.vectorExtension().isEmpty() ? "missing" : h.vectorExtension())
                    + ", schema version " + (h.schemaVersion().isEmpty() ? "none" : h.schemaVersion())
                    + ", embeddings " + (h.storedModel().isEmpty() ? h.configuredModel() : h.storedModel())
                    + (h.spoolBacklog() > 0 ? ", " + h.spoolBacklog() + " spooled write(s)" : "");
            if (h.ok()) {
                return DoctorCheck.Result.ok(detail);
            }
            return DoctorCheck.Result.fail(
                    detail + "; " + String.join(" ", h.problems()),
                    h.modelMatches() ? ServiceProbes.DB_FIX : "agent memory reembed");
        } catch (EnvironmentNotReadyException e) {
            return DoctorCheck.Result.fail(problem(e), e.fix());
        }
    }

    /** Whether the server's settings suit the memory's size (warnings only: a run works either way). */
    private DoctorCheck.Result serverSettings(CliConfig config) {
        try {
            ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        } catch (EnvironmentNotReadyException e) {
            return new DoctorCheck.Result(DoctorCheck.Status.SKIPPED, "the database is not reachable", "");
        }
        try (PgVectorFailureMemory memory = openPgMemory(config, false)) {
            return ServerSettingsCheck.of(memory.serverSettings());
        } catch (RuntimeException e) {
            return new DoctorCheck.Result(DoctorCheck.Status.SKIPPED, "cannot open the memory: " + e.getMessage(), "");
        }
    }

    private DoctorCheck.Result modelHealth(CliConfig config) {
        boolean configured = config.find(ConfigSchema.API_KEY).isPresent()
                || config.origin(ConfigSchema.BASE_URL)
                        .map(o -> o.source() != dev.agentloop.cli.config.ConfigSource.DEFAULT
                                && !config.get(ConfigSchema.BASE_URL).contains("api.openai.com"))
                        .orElse(false);
        if (!configured) {
            return new DoctorCheck.Result(
                    DoctorCheck.Status.SKIPPED,
                    "no endpoint configured (no OPENAI_API_KEY); bin/agent run --demo needs none",
                    "");
        }
        try {
            endpointModels(config);
            return DoctorCheck.Result.ok(config.get(ConfigSchema.BASE_URL));
        } catch (EnvironmentNotReadyException e) {
            return DoctorCheck.Result.fail(problem(e), e.fix());
        } catch (CliException e) {
            return DoctorCheck.Result.fail(e.getMessage(), "fix models: in config/agent.yaml");
        }
    }

    private static String problem(EnvironmentNotReadyException e) {
        return e.getMessage().replace(" Fix: " + e.fix(), "");
    }
}
