package dev.agentloop.core.event;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An iteration ended.
 *
 * @param outcome how it ended
 * @param tokensSoFar tokens used by the run so far
 * @param elapsed time since the run started
 * @param summary one line for a person, e.g. "3/5 tests passed; AssertionError in test_edges"
 */
public record IterationFinished(
        UUID taskId,
        int iteration,
        Instant at,
        IterationOutcome outcome,
        long tokensSoFar,
        Duration elapsed,
        String summary)
        implements AgentEvent {}
