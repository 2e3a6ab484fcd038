package dev.agentloop.core.spi;

/** The outcome of one test case. */
public enum TestStatus {
    PASSED,
    FAILED,
    /** The test could not run to an assertion: an exception outside the assertion, a fixture error. */
    ERRORED,
    SKIPPED
}
