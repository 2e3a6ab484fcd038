package dev.agentloop.cli.env;

import dev.agentloop.cli.CliException;
import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.cli.ExitCode;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.config.ConfigSchema;
import dev.agentloop.core.Agent;
import dev.agentloop.core.model.ScriptException;
import dev.agentloop.core.model.ScriptedChatModel;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.sandbox.DockerSandbox;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real backends: the PostgreSQL/pgvector memory, the Docker sandbox, and a scripted model or an
 * OpenAI-compatible endpoint. Each service is probed before it is opened, so that a missing one is reported in
 * under a second with the command that fixes it.
 */
public final class DefaultBackends implements Backends {

    private final Map<String, String> env;
    private final Path projectDir;

    /**
     * @param env the environment ({@code DOCKER_HOST}, the database password, ...)
     * @param projectDir the project folder: {@code config/prompts}, the workspace root
     */
    public DefaultBackends(Map<String, String> env, Path projectDir) {
        this.env = Map.copyOf(env);
        this.projectDir = projectDir;
    }

    @Override
    public FailureMemory openMemory(CliConfig config) {
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        throw new CliException(ExitCode.INTERNAL, "The pgvector memory is not wired into this build yet.");
    }

    @Override
    public MemoryAdmin openMemoryAdmin(CliConfig config) {
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        throw new CliException(ExitCode.INTERNAL, "The pgvector memory is not wired into this build yet.");
    }

    @Override
    public RunHandle startRun(RunRequest request) {
        CliConfig config = request.config();
        ServiceProbes.requireDatabase(config.get(ConfigSchema.DB_URL));
        boolean docker = config.get(ConfigSchema.SANDBOX_KIND).equals("docker");
        if (docker) {
            ServiceProbes.requireDocker(env);
        }
        if (request.modelScript().isEmpty()) {
            ServiceProbes.requireModelEndpoint(
                    config.get(ConfigSchema.BASE_URL),
                    config.find(ConfigSchema.API_KEY).orElse(""));
        }
        ChatModel model = request.modelScript().isPresent()
                ? scriptedModel(request.modelScript().get())
                : endpointModel(config);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            FailureMemory memory = openRunMemory(config);
            resources.add(memory);
            Sandbox sandbox = openSandbox(config);
            resources.add(0, sandbox); // closed first: closing it may still report to the memory
            Agent agent = Agent.builder()
                    .chatModel(model)
                    .sandbox(sandbox)
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

    private static ChatModel scriptedModel(Path script) {
        try {
            return ScriptedChatModel.fromFile(script);
        } catch (ScriptException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private ChatModel endpointModel(CliConfig config) {
        throw new CliException(
                ExitCode.INTERNAL, "Runs against a model endpoint are not wired into this build yet; use --demo.");
    }

    private FailureMemory openRunMemory(CliConfig config) {
        return FailureMemory.none();
    }

    private Sandbox openSandbox(CliConfig config) {
        if (config.get(ConfigSchema.SANDBOX_KIND).equals("process")) {
            throw CliException.usage("sandbox.kind 'process' is not available in this build; use docker.");
        }
        try {
            return DockerSandbox.builder()
                    .config(AgentWiring.sandboxConfig(config))
                    .build();
        } catch (SandboxException e) {
            throw new EnvironmentNotReadyException(e.getMessage(), ServiceProbes.DOCKER_FIX, e);
        }
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
        checks.add(DoctorCheck.of("Docker engine", () -> {
            try {
                return DoctorCheck.Result.ok(ServiceProbes.requireDocker(env));
            } catch (EnvironmentNotReadyException e) {
                return DoctorCheck.Result.fail(problem(e), e.fix());
            }
        }));
        config.section(ConfigSchema.SANDBOX_IMAGE_PREFIX)
                .forEach((language, image) -> checks.add(DoctorCheck.of("sandbox image " + image, () -> {
                    try {
                        return ServiceProbes.dockerImageExists(env, image)
                                ? DoctorCheck.Result.ok("present (" + language + " tasks)")
                                : DoctorCheck.Result.fail(
                                        "missing (" + language + " tasks need it)", "scripts/provision");
                    } catch (java.io.IOException e) {
                        return new DoctorCheck.Result(DoctorCheck.Status.SKIPPED, "the engine is not reachable", "");
                    }
                })));
        return checks;
    }

    private static String problem(EnvironmentNotReadyException e) {
        return e.getMessage().replace(" Fix: " + e.fix(), "");
    }
}
