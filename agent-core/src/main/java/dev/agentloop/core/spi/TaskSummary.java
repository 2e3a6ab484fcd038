package dev.agentloop.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code agent history}.
 *
 * @param task the task as it started
 * @param status its status
 * @param completion how it ended; empty while running (or when the run crashed before recording it)
 * @param iterations iterations recorded so far
 * @param memoryHits past failures retrieved over the whole run
 */
public record TaskSummary(
        TaskRecord task, TaskStatus status, Optional<TaskCompletion> completion, int iterations, int memoryHits) {

    public long tokens() {
        return completion.map(TaskCompletion::tokens).orElse(0L);
    }

    public double cost() {
        return completion.map(TaskCompletion::cost).orElse(0.0);
    }

    public Duration duration() {
        return completion.map(TaskCompletion::duration).orElse(Duration.ZERO);
    }

    public Instant startedAt() {
        return task.startedAt();
    }
}
