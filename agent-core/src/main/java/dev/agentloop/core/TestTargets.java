package dev.agentloop.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a task is judged by tests it did not write: the project's own tests in repository mode, and acceptance tests
 * the user gives (which the model reads but cannot change).
 *
 * @param failing test ids (as the runner names them, e.g. {@code tests/test_x.py::test_y}) that must pass at the
 *     end; empty with {@code fixFailing} means "the tests that fail at the baseline"
 * @param fixFailing the task is "make the failing tests pass without weakening them"
 * @param command the project's test command, run by {@code sh -c} in the sandbox; empty to detect it from the project
 * @param allowTestChanges the task asks for existing tests to change: edits that delete or alter a test that existed
 *     at the base are allowed
 * @param given acceptance test files (path relative to the workspace → content), written before the first iteration,
 *     shown to the model and never changed by it; the run's tests include them
 */
public record TestTargets(
        List<String> failing, boolean fixFailing, String command, boolean allowTestChanges, Map<String, String> given) {

    /** Detected command, no targets, existing tests protected, no given tests. */
    public static final TestTargets DEFAULT = new TestTargets(List.of(), false, "", false, Map.of());

    /**
     * Copies the lists; a null command or null given files become empty.
     *
     * @param failing test ids (as the runner names them, e.g. {@code tests/test_x.py::test_y}) that must pass at the
     *     end; empty with {@code fixFailing} means "the tests that fail at the baseline"
     * @param fixFailing the task is "make the failing tests pass without weakening them"
     * @param command the project's test command, run by {@code sh -c} in the sandbox; empty to detect it from the
     *     project
     * @param allowTestChanges the task asks for existing tests to change: edits that delete or alter a test that
     *     existed
     *     at the base are allowed
     * @param given acceptance test files (path relative to the workspace → content), written before the first
     *     iteration,
     *     shown to the model and never changed by it; the run's tests include them
     */
    public TestTargets {
        failing = List.copyOf(failing);
        command = command == null ? "" : command.strip();
        given = given == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(given));
    }

    /**
     * {@return a copy with the project's test command}
     *
     * @param value a command for {@code sh -c}; empty to detect it
     */
    public TestTargets withCommand(String value) {
        return new TestTargets(failing, fixFailing, value, allowTestChanges, given);
    }

    /**
     * "Make these failing tests pass"; no ids means the ones failing at the baseline.
     *
     * @param tests test ids that must pass at the end; empty for the ones failing at the baseline
     * @return a copy that asks for the failing tests to pass
     */
    public TestTargets fixing(List<String> tests) {
        return new TestTargets(tests, true, command, allowTestChanges, given);
    }

    /**
     * {@return a copy that allows, or not, edits to existing tests}
     *
     * @param value true when the task asks for tests to change
     */
    public TestTargets withTestChangesAllowed(boolean value) {
        return new TestTargets(failing, fixFailing, command, value, given);
    }

    /**
     * Acceptance tests the model reads but cannot change.
     *
     * @param files acceptance test files, path relative to the workspace to content
     * @return a copy with those tests
     */
    public TestTargets withGiven(Map<String, String> files) {
        return new TestTargets(failing, fixFailing, command, allowTestChanges, files);
    }
}
