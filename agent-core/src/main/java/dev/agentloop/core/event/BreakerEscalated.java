package dev.agentloop.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A failure signature repeated and the breaker escalated instead of stopping.
 *
 * @param step what the loop does about it
 */
public record BreakerEscalated(UUID taskId, int iteration, Instant at, Step step, String signature)
        implements AgentEvent {

    /** The escalation ladder, in order. */
    public enum Step {
        /** REFLECT is asked for a different hypothesis. */
        NEW_HYPOTHESIS,
        /** PLAN is redone with the failure history. */
        REPLAN,
        /** The person is asked (only when a handler is present). */
        ASK_PERSON
    }
}
