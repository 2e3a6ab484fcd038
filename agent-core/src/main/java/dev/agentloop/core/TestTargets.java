package dev.agentloop.core;

import java.util.List;

/**
 * How a task on an existing project is judged by the project's own tests.
 *
 * @param failing test ids (as the runner names them, e.g. {@code tests/test_x.py::test_y}) that must pass at the
 *     end; empty with {@code fixFailing} means "the tests that fail at the baseline"
 * @param fixFailing the task is "make the failing tests pass without weakening them"
 * @param command the project's test command, run by {@code sh -c} in the sandbox; empty to detect it from the project
 * @param allowTestChanges the task asks for existing tests to change: edits that delete or alter a test that existed
 *     at the base are allowed
 */
public record TestTargets(List<String> failing, boolean fixFailing, String command, boolean allowTestChanges) {

    /** Detected command, no targets, existing tests protected. */
    public static final TestTargets DEFAULT = new TestTargets(List.of(), false, "", false);

    public TestTargets {
        failing = List.copyOf(failing);
        command = command == null ? "" : command.strip();
    }

    public TestTargets withCommand(String value) {
        return new TestTargets(failing, fixFailing, value, allowTestChanges);
    }

    /** "Make these failing tests pass"; no ids means the ones failing at the baseline. */
    public TestTargets fixing(List<String> tests) {
        return new TestTargets(tests, true, command, allowTestChanges);
    }

    public TestTargets withTestChangesAllowed(boolean value) {
        return new TestTargets(failing, fixFailing, command, value);
    }
}
