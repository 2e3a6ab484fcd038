package dev.agentloop.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * One test case of a {@link TestReport}.
 *
 * @param name the test's name, e.g. {@code test_adds_two_numbers}
 * @param suite the file or class it lives in, e.g. {@code test_solution.py}; empty when unknown
 * @param status how it ended
 * @param message the assertion or error message; empty when it passed
 * @param trace the traceback or stack trace; empty when it passed
 * @param duration how long it ran; {@link Duration#ZERO} when unknown
 */
public record TestCaseResult(
        String name, String suite, TestStatus status, String message, String trace, Duration duration) {

    /**
     * Checks the components; null suite, message or trace become empty.
     *
     * @param name the test's name, e.g. {@code test_adds_two_numbers}
     * @param suite the file or class it lives in, e.g. {@code test_solution.py}; empty when unknown
     * @param status how it ended
     * @param message the assertion or error message; empty when it passed
     * @param trace the traceback or stack trace; empty when it passed
     * @param duration how long it ran; {@link Duration#ZERO} when unknown
     */
    public TestCaseResult {
        Objects.requireNonNull(name, "name");
        suite = suite == null ? "" : suite;
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        trace = trace == null ? "" : trace;
        duration = duration == null ? Duration.ZERO : duration;
    }

    /**
     * {@return a passed case}
     *
     * @param suite the suite (file or class); may be empty
     * @param name the test's name
     */
    public static TestCaseResult passed(String suite, String name) {
        return new TestCaseResult(name, suite, TestStatus.PASSED, "", "", Duration.ZERO);
    }

    /**
     * {@return a failed case}
     *
     * @param suite the suite (file or class); may be empty
     * @param name the test's name
     * @param message the assertion's message
     * @param trace the stack trace or the runner's detail
     */
    public static TestCaseResult failed(String suite, String name, String message, String trace) {
        return new TestCaseResult(name, suite, TestStatus.FAILED, message, trace, Duration.ZERO);
    }
}
