package dev.agentloop.core.spi;

import dev.agentloop.core.source.RepositoryInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code agent history}. The repository the task worked on is {@link #repository()}, the branch and
 * patch it handed back {@link #handoff()}.
 *
 * @param task the task as it started
 * @param status its status
 * @param completion how it ended; empty while running (or when the run crashed before recording it)
 * @param iterations iterations recorded so far
 * @param memoryHits past failures retrieved over the whole run
 */
public record TaskSummary(
        TaskRecord task, TaskStatus status, Optional<TaskCompletion> completion, int iterations, int memoryHits) {

    /** {@return the tokens used; 0 while running} */
    public long tokens() {
        return completion.map(TaskCompletion::tokens).orElse(0L);
    }

    /** {@return the estimated cost; 0 while running} */
    public double cost() {
        return completion.map(TaskCompletion::cost).orElse(0.0);
    }

    /** {@return the wall time of the run; zero while running} */
    public Duration duration() {
        return completion.map(TaskCompletion::duration).orElse(Duration.ZERO);
    }

    /** {@return when the run started} */
    public Instant startedAt() {
        return task.startedAt();
    }

    /** {@return the existing project the task worked on; empty for a new module} */
    public Optional<RepositoryInfo> repository() {
        return task.repository();
    }

    /**
     * {@return the branch, commit and (bounded) patch the run handed back; empty unless it solved a task on a project}
     */
    public Optional<HandoffRecord> handoff() {
        return completion.flatMap(TaskCompletion::handoff);
    }
}
