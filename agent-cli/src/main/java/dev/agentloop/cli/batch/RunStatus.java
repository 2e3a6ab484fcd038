package dev.agentloop.cli.batch;

import dev.agentloop.core.AgentResult;

/** How a run of an instance ended, as the loop saw it (before the hidden tests judge it). */
public enum RunStatus {
    /** The run's own tests passed. */
    SOLVED,
    /** The circuit breaker, the batch's cap or the person stopped it. */
    STOPPED,
    /** An error ended it. */
    FAILED;

    static RunStatus of(AgentResult result) {
        if (result instanceof AgentResult.Solved) {
            return SOLVED;
        }
        return result instanceof AgentResult.Stopped ? STOPPED : FAILED;
    }
}
