package dev.agentloop.cli.env;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.core.model.RoleAwareChatModel;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.ApprovalHandler;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent for many runs, as {@code agent batch} asks for it.
 *
 * @param config the effective config (models, limits, database, sandbox)
 * @param memory which failure memory the runs share
 * @param listener receives every event of every run
 * @param approvals decides what needs approval; nobody is asked during a batch
 * @param model a model answering every role instead of the configured endpoint (the gold model); empty for the
 *     endpoint
 * @param decorator wraps each role's model
 * @param workspaceRoot where the runs' workspaces go
 */
public record SharedAgentRequest(
        CliConfig config,
        MemoryMode memory,
        AgentListener listener,
        ApprovalHandler approvals,
        Optional<RoleAwareChatModel> model,
        ModelDecorator decorator,
        Path workspaceRoot) {

    public SharedAgentRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(approvals, "approvals");
        model = model == null ? Optional.empty() : model;
        decorator = decorator == null ? ModelDecorator.NONE : decorator;
        Objects.requireNonNull(workspaceRoot, "workspaceRoot");
    }
}
