package dev.agentloop.core.spi;

import dev.agentloop.core.source.Handoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
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
 * @param handoff the branch, commit and (bounded) patch a solved run on an existing project handed back; empty
 *     otherwise
 */
public record TaskCompletion(
        UUID taskId,
        TaskStatus status,
        String reason,
        int iterations,
        long tokens,
        double cost,
        Duration duration,
        Instant finishedAt,
        Optional<HandoffRecord> handoff) {

    /**
     * Checks the components; a null reason becomes empty, a null handoff none.
     *
     * @param taskId the task
     * @param status solved, stopped or failed
     * @param reason the stop reason or failure message; empty when solved
     * @param iterations iterations run
     * @param tokens tokens used
     * @param cost estimated cost
     * @param duration wall time of the run
     * @param finishedAt when it ended
     * @param handoff the branch, commit and (bounded) patch a solved run on an existing project handed back; empty
     *     otherwise
     */
    public TaskCompletion {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(finishedAt, "finishedAt");
        handoff = handoff == null ? Optional.empty() : handoff;
    }

    /**
     * An end without a handoff (a new module, or a run that did not solve its task).
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
    public TaskCompletion(
            UUID taskId,
            TaskStatus status,
            String reason,
            int iterations,
            long tokens,
            double cost,
            Duration duration,
            Instant finishedAt) {
        this(taskId, status, reason, iterations, tokens, cost, duration, finishedAt, Optional.empty());
    }

    /**
     * {@return this end with what the run handed back}
     *
     * @param value the branch, commit and bounded patch
     */
    public TaskCompletion withHandoff(HandoffRecord value) {
        return new TaskCompletion(
                taskId,
                status,
                reason,
                iterations,
                tokens,
                cost,
                duration,
                finishedAt,
                Optional.of(Objects.requireNonNull(value, "handoff")));
    }

    /**
     * {@return this end with what the run handed back, its patch cut as {@link HandoffRecord#of} does}
     *
     * @param value what the run handed back
     */
    public TaskCompletion withHandoff(Handoff value) {
        return withHandoff(HandoffRecord.of(value));
    }
}
