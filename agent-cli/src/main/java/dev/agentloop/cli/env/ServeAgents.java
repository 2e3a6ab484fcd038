package dev.agentloop.cli.env;

import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.Role;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.server.TaskMode;
import dev.agentloop.server.TaskSubmission;
import dev.agentloop.server.spi.AgentRequest;
import dev.agentloop.server.spi.TaskAgents;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The agents of {@code agent serve}: the configured loop settings with the submission's own (iterations, review,
 * audit, cost limit, manual mode's phase approvals), the shared memory and sandbox, and the models (a fresh scripted model per
 * run, or the endpoint's, shared).
 */
final class ServeAgents implements TaskAgents {

    private final AgentConfig base;
    private final Supplier<Map<Role, ChatModel>> models;
    private final FailureMemory memory;
    private final Sandbox sandbox;
    private final Path workspaceRoot;

    ServeAgents(
            AgentConfig base,
            Supplier<Map<Role, ChatModel>> models,
            FailureMemory memory,
            Sandbox sandbox,
            Path workspaceRoot) {
        this.base = Objects.requireNonNull(base, "base");
        this.models = Objects.requireNonNull(models, "models");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
    }

    @Override
    public Agent agentFor(AgentRequest request) {
        TaskSubmission s = request.submission();
        AgentConfig.Builder config = base.toBuilder().phaseApproval(s.mode() == TaskMode.MANUAL);
        s.maxIterations().ifPresent(config::maxIterations);
        s.enableReview().ifPresent(config::enableReview);
        s.enableAudit().ifPresent(config::enableAudit);
        s.maxCost().ifPresent(limit -> {
            // the lower of the server's budget and the submission's own limit
            double budget =
                    base.breaker().costBudget().map(b -> Math.min(b, limit)).orElse(limit);
            config.breaker(base.breaker().toBuilder().costBudget(budget).build());
        });
        Agent.Builder agent = Agent.builder();
        models.get().forEach(agent::chatModel);
        return agent.memory(memory)
                .sandbox(sandbox)
                .config(config.build())
                .listener(request.listener())
                .approvalHandler(request.approvals())
                .workspaceRoot(workspaceRoot)
                .build();
    }
}
