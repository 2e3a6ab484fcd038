package dev.agentloop.cli.env;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.core.Task;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ClarificationHandler;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One run as the CLI asks for it.
 *
 * @param task the task
 * @param config the effective config (models, limits, phases, database, sandbox)
 * @param listener receives every event of the run
 * @param approvals decides what needs approval, per the mode
 * @param clarifications answers the Reprompter's questions
 * @param modelScript a scripted model's script to use instead of the configured endpoint; empty for the endpoint
 */
public record RunRequest(
        Task task,
        CliConfig config,
        AgentListener listener,
        ApprovalHandler approvals,
        ClarificationHandler clarifications,
        Optional<Path> modelScript) {

    public RunRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(clarifications, "clarifications");
        modelScript = modelScript == null ? Optional.empty() : modelScript;
    }
}
