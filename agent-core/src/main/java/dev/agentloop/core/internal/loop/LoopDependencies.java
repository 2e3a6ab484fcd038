package dev.agentloop.core.internal.loop;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.Role;
import dev.agentloop.core.internal.role.PromptLibrary;
import dev.agentloop.core.internal.workspace.WorkspaceRoot;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ClarificationHandler;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.Sandbox;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** What every run of one {@code Agent} shares; built once by {@code Agent.Builder}. */
public record LoopDependencies(
        Map<Role, ChatModel> models,
        FailureMemory memory,
        Sandbox sandbox,
        AgentConfig config,
        AgentListener listener,
        Optional<ClarificationHandler> clarificationHandler,
        ApprovalHandler approvalHandler,
        Clock clock,
        WorkspaceRoot workspaceRoot,
        TokenCountEstimator tokenCountEstimator,
        Optional<Path> trajectoryFolder,
        PromptLibrary prompts) {

    public LoopDependencies {
        models = Map.copyOf(models);
    }
}
