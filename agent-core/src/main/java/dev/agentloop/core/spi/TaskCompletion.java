package dev.agentloop.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * How a task ended.
 *
 * @param taskId the task
 * @param status solved, stopped or failed
 * @param reason the stop reason or failure message; empty when solved
 * @param iterations iterations run
 * @param tokens tokens used
 * @param cost estimated cost
 * @param duration wall time of the run
 * @param finishedAt when it ended
 */
public record TaskCompletion(
        UUID taskId,
        TaskStatus status,
        String reason,
        int iterations,
        long tokens,
        double cost,
        Duration duration,
        Instant finishedAt) {

    public TaskCompletion {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
