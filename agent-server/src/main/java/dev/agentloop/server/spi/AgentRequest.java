package dev.agentloop.server.spi;

import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.server.TaskSubmission;
import java.util.Objects;
import java.util.UUID;

/**
 * What the server asks of {@link TaskAgents} for one attempt at a task.
 *
 * @param taskId the task's id (also the run's)
 * @param attempt 1 for the first run, 2 and up when a worker died and another took the task over
 * @param submission the task as submitted: the per-task settings (iterations, review, audit, mode) to honour
 * @param listener must receive every event of the run (it stores them, feeds the live stream and the metrics)
 * @param approvals must decide the run's approvals (it asks a person through the API when the mode says so)
 */
public record AgentRequest(
        UUID taskId, int attempt, TaskSubmission submission, AgentListener listener, ApprovalHandler approvals) {

    /**
     * Checks the components.
     *
     * @param taskId the task's id (also the run's)
     * @param attempt 1 for the first run, 2 and up when a worker died and another took the task over
     * @param submission the task as submitted: the per-task settings (iterations, review, audit, mode) to honour
     * @param listener must receive every event of the run (it stores them, feeds the live stream and the metrics)
     * @param approvals must decide the run's approvals (it asks a person through the API when the mode says so)
     * @throws IllegalArgumentException when the attempt is below 1
     */
    public AgentRequest {
        Objects.requireNonNull(taskId, "taskId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(approvals, "approvals");
    }
}
