package dev.agentloop.core.spi;

/** The outcome of one test case. */
public enum TestStatus {
    /** The test ran and its assertions held. */
    PASSED,
    /** An assertion failed. */
    FAILED,
    /** The test could not run to an assertion: an exception outside the assertion, a fixture error. */
    ERRORED,
    /** The runner skipped the test. */
    SKIPPED
}
