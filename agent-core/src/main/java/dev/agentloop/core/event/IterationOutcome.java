package dev.agentloop.core.event;

/** How one iteration ended. */
public enum IterationOutcome {
    /** The tests passed. */
    PASSED,
    /** The tests ran and failed (or errored, timed out, ran out of memory). */
    TESTS_FAILED,
    /** A blocking review finding sent the loop back to CODE. */
    REJECTED_BY_REVIEW,
    /**
     * A hook, the static scan, a denied dependency or a blocking finding of the security audit stopped the code
     * before it ran.
     */
    BLOCKED,
    /** The model's output was not the JSON asked for, even after one repair request. */
    INVALID_MODEL_OUTPUT,
    /** The breaker stopped the run during this iteration. */
    STOPPED,
    /** The run was cancelled during this iteration. */
    CANCELLED,
    /** An error ended the run during this iteration. */
    ERROR
}
