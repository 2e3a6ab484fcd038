package dev.agentloop.core.spi;

/** How a test run ended as a whole. Only {@link #PASSED} counts as success. */
public enum TestOutcome {
    /** Every collected test passed and at least one ran. */
    PASSED,
    /** At least one test failed or errored. */
    FAILED,
    /** The tests could not be collected: a syntax error, an import error, a missing file. */
    COLLECTION_ERROR,
    /** Nothing was collected. */
    NO_TESTS,
    /** The run hit its time limit and was killed. */
    TIMED_OUT,
    /** The run was killed for exceeding its memory limit. */
    OUT_OF_MEMORY,
    /** An execution hook, the static scan or a denied dependency stopped the run before it started. */
    BLOCKED,
    /** The sandbox itself failed (the container died, the engine went away). */
    SANDBOX_ERROR
}
