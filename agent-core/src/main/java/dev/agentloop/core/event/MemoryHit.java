package dev.agentloop.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Similar past failures were retrieved for this iteration's failure.
 *
 * @param taskId the task
 * @param iteration the iteration whose failure was matched
 * @param at when
 * @param hits the retrieved failures, best first
 */
public record MemoryHit(UUID taskId, int iteration, Instant at, List<Hit> hits) implements AgentEvent {

    /**
     * Copies the hits.
     *
     * @param taskId the task
     * @param iteration the iteration whose failure was matched
     * @param at when
     * @param hits the retrieved failures, best first
     */
    public MemoryHit {
        hits = List.copyOf(hits);
    }

    /**
     * One retrieved failure.
     *
     * @param failureId the past failure
     * @param pastTaskId the task it happened in
     * @param similarity 0..1, higher is closer
     * @param hasFix whether a fix is linked to it
     * @param summary its error type and message, one line
     */
    public record Hit(UUID failureId, UUID pastTaskId, double similarity, boolean hasFix, String summary) {}
}
