package dev.agentloop.server.internal.store;

import dev.agentloop.server.TaskState;
import java.util.Objects;
import java.util.Optional;

/**
 * How an attempt ended, as it is stored.
 *
 * @param state a terminal state
 * @param reason the stop reason's id or a short cause, e.g. {@code iteration_limit}; empty when solved
 * @param detail one sentence for a person; empty when there is nothing to add
 * @param result JSON of the files or the handoff; empty when not solved
 */
public record TaskOutcome(
        TaskState state,
        int iterations,
        long tokens,
        double cost,
        Optional<String> reason,
        Optional<String> detail,
        Optional<String> result) {

    public TaskOutcome {
        Objects.requireNonNull(state, "state");
        if (!state.isTerminal()) {
            throw new IllegalArgumentException("an outcome's state must be terminal, was " + state.id());
        }
        reason = reason == null ? Optional.empty() : reason;
        detail = detail == null ? Optional.empty() : detail;
        result = result == null ? Optional.empty() : result;
    }

    /** Ended without running: cancelled before start, or refused by the daily cost cap. */
    public static TaskOutcome withoutRun(TaskState state, String reason, String detail) {
        return new TaskOutcome(state, 0, 0, 0, Optional.of(reason), Optional.of(detail), Optional.empty());
    }
}
