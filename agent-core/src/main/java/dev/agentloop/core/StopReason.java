package dev.agentloop.core;

/** Why the circuit breaker (or the caller) stopped a run before its tests passed. */
public enum StopReason {
    /** The hard limit on iterations was reached. */
    ITERATION_LIMIT,
    /** The same failure signature came back {@code sameFailureLimit} times in a row, escalation steps included. */
    SAME_FAILURE_REPEATED,
    /** The next model call could have exceeded the token budget. */
    TOKEN_BUDGET,
    /** The next model call could have exceeded the cost budget. */
    COST_BUDGET,
    /** The wall-clock deadline passed. */
    DEADLINE,
    /** The run was cancelled from another thread (Ctrl-C in the CLI). */
    CANCELLED
}
