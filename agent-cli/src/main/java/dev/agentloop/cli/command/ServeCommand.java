package dev.agentloop.cli.command;

import dev.agentloop.cli.CliContext;
import dev.agentloop.cli.CliException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigLoader.Flag;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.cli.config.Durations;
import dev.agentloop.cli.demo.Scenario;
import dev.agentloop.cli.demo.Scenarios;
import dev.agentloop.cli.env.ServerParts;
import dev.agentloop.cli.env.ServerRequest;
import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.server.AgentServer;
import dev.agentloop.server.ApiTokens;
import dev.agentloop.server.ServerConfig;
import dev.agentloop.server.ServerException;
import dev.agentloop.server.TaskMode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agent serve}: the task service (REST API, live events, metrics, dashboard) and its workers. */
@Command(
        name = "serve",
        header = "Serves tasks over HTTP and runs them on workers that share a queue in PostgreSQL.",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the task service: a REST API (/api/v1/tasks, /api/v1/approvals), live events (SSE), Prometheus"
                    + " metrics (/metrics), /health and a dashboard (/), and K workers that take tasks from a queue in"
                    + " the memory's PostgreSQL database. Any number of servers on any number of machines may share"
                    + " one database: a task whose worker dies is taken over by another.",
            "Every endpoint except /health and the dashboard's files needs a bearer token from AGENT_API_TOKEN"
                    + " (name:token, comma-separated); without one the server listens on loopback only.",
            "Runs until stopped (Ctrl-C, SIGTERM); running tasks then go back to the queue."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent serve                                       API and 2 workers on 127.0.0.1:8080",
            "  agent serve --model-script examples/01-python-slugify   every task with that scripted model",
            "  AGENT_API_TOKEN=ci:$(openssl rand -hex 32) agent serve --bind 0.0.0.0 --workers 4",
            "  agent serve --no-api --workers 8                  a pure worker",
            "  curl -H 'Authorization: Bearer ...' -H 'Content-Type: application/json' \\",
            "       -d '{\"task\": \"Write slugify(text) with tests\"}' http://127.0.0.1:8080/api/v1/tasks",
            "",
            CommandSupport.EXIT_CODES
        })
public final class ServeCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--port", paramLabel = "N", description = "The API's port (default 8080; 0: any free one).")
    Integer port;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            description = "The API's address (default 127.0.0.1; another needs AGENT_API_TOKEN).")
    String bind;

    @Option(names = "--workers", paramLabel = "K", description = "Tasks this process runs at once (default 2).")
    Integer workers;

    @Option(names = "--no-api", description = "Run tasks only: no HTTP API (a pure worker).")
    boolean noApi;

    @Option(names = "--worker-name", paramLabel = "NAME", description = "This worker's name (default host-pid).")
    String workerName;

    @Option(
            names = "--model-script",
            paramLabel = "SCENARIO",
            description = "Serve every task with this scripted scenario's model, e.g. examples/01-python-slugify"
                    + " (demos and tests; the sandbox and the memory are real).")
    Path modelScript;

    public ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CliConfig config = CommandSupport.loadConfig(context, flags());
        ApiTokens tokens;
        try {
            tokens = ApiTokens.parse(context.env().get("AGENT_API_TOKEN"));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage() + ".");
        }
        Optional<Scenario> scenario = Optional.ofNullable(modelScript).map(p -> Scenarios.load(resolve(p)));
        ServerConfig serverConfig = serverConfig(config, scenario);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServerParts parts = context.backends()
                .openServer(new ServerRequest(
                        config,
                        scenario.map(Scenario::script),
                        serverConfig.workerName(),
                        serverConfig.workers(),
                        registry));
        AgentServer.Builder builder = AgentServer.builder()
                .meterRegistry(registry)
                .config(serverConfig)
                .dataSource(parts.dataSource())
                .agents(parts.agents())
                .tokens(tokens)
                .environment(context.env());
        parts.checks().forEach(builder::healthCheck);
        AgentServer server = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    try {
                        server.close();
                    } finally {
                        parts.close();
                        stopped.countDown();
                    }
                },
                "agent-serve-stop");
        try {
            server.start();
        } catch (ServerException e) {
            parts.close();
            throw CliException.usage(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(hook);
        scenario.ifPresent(s -> context.out().println("model: scripted model (" + s.name() + ") for every task"));
        if (serverConfig.apiEnabled()) {
            String url = "http://" + hostForUrl(serverConfig.bind()) + ":" + server.port();
            context.out()
                    .println("agentloop server " + serverConfig.workerName() + " listening on " + url
                            + " (dashboard " + url + "/, API " + url + "/api/v1/tasks, metrics " + url + "/metrics)"
                            + " with " + serverConfig.workers() + " worker(s)"
                            + (tokens.isEmpty() ? "; no token: loopback only" : "; tokens: " + tokens.names()));
        } else {
            context.out()
                    .println("agentloop worker " + serverConfig.workerName() + " running " + serverConfig.workers()
                            + " worker(s), no API");
        }
        context.out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ServerConfig serverConfig(CliConfig config, Optional<Scenario> scenario) {
        try {
            ServerConfig.Builder b = ServerConfig.builder()
                    .port(config.integer(ConfigSchema.SERVER_PORT))
                    .bind(config.get(ConfigSchema.SERVER_BIND))
                    .workers(config.integer(ConfigSchema.SERVER_WORKERS))
                    .apiEnabled(!noApi)
                    .maxBodyBytes(Durations.tryParseSize(config.get(ConfigSchema.SERVER_MAX_BODY))
                            .orElseThrow())
                    .heartbeat(config.duration(ConfigSchema.SERVER_HEARTBEAT))
                    .missedHeartbeats(config.integer(ConfigSchema.SERVER_MISSED_HEARTBEATS))
                    .pollingInterval(config.duration(ConfigSchema.SERVER_POLLING_INTERVAL))
                    .approvalTimeout(config.duration(ConfigSchema.SERVER_APPROVAL_TIMEOUT))
                    .schema(config.get(ConfigSchema.DB_SCHEMA))
                    .defaultLanguage(
                            scenario.map(Scenario::language).orElse(Language.fromId(config.get(ConfigSchema.LANGUAGE))))
                    .defaultProjectType(scenario.map(Scenario::projectType)
                            .orElse(ProjectType.fromId(config.get(ConfigSchema.PROJECT_TYPE))))
                    .defaultMode(TaskMode.fromId(config.get(ConfigSchema.MODE)))
                    .repoRoots(repoRoots(
                            config.find(ConfigSchema.SERVER_REPO_ROOTS).orElse("")))
                    .repoCache(context.userDir().resolve("repos"));
            double cap = Double.parseDouble(config.get(ConfigSchema.SERVER_DAILY_COST_CAP));
            b.dailyCostCap(cap > 0 ? Optional.of(cap) : Optional.empty());
            String name = workerName != null
                    ? workerName
                    : config.find(ConfigSchema.SERVER_WORKER_NAME).orElse("");
            if (!name.isBlank()) {
                b.workerName(name);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage("The server configuration is not usable: " + e.getMessage() + ".");
        }
    }

    private List<Path> repoRoots(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> {
                    Path p = resolve(Path.of(s));
                    if (!Files.isDirectory(p)) {
                        throw CliException.usage(
                                ConfigSchema.SERVER_REPO_ROOTS + ": the folder " + s + " does not exist.");
                    }
                    return p;
                })
                .toList();
    }

    private Map<String, Flag> flags() {
        Map<String, Flag> flags = new LinkedHashMap<>();
        if (port != null) {
            flags.put(ConfigSchema.SERVER_PORT, new Flag(port.toString(), "--port"));
        }
        if (bind != null) {
            flags.put(ConfigSchema.SERVER_BIND, new Flag(bind, "--bind"));
        }
        if (workers != null) {
            flags.put(ConfigSchema.SERVER_WORKERS, new Flag(workers.toString(), "--workers"));
        }
        return flags;
    }

    private Path resolve(Path path) {
        if (path.isAbsolute() || Files.exists(path)) {
            return path.toAbsolutePath();
        }
        return context.projectDir().resolve(path);
    }

    private static String hostForUrl(String bind) {
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }
}
