package dev.agentloop.core.internal.repomap;

/**
 * A place in the code a test run's output points at: a traceback frame, a {@code path:line} location, a pytest
 * node id or a bare file name.
 *
 * @param path the path as printed
 * @param line the 1-based line; 0 when none was printed
 * @param function the function as printed ({@code helper}, {@code Parser.parse}, {@code test_x}); empty when none
 * @param innermost true for the frame where the error was raised (the last of a Python traceback, the first of a
 *     JavaScript stack)
 * @param kind how it was printed, which says how much it weighs
 */
public record Frame(String path, int line, String function, boolean innermost, Kind kind) {

    /** How a place was printed. */
    public enum Kind {
        /** A frame of a Python traceback or a JavaScript stack. */
        STACK,
        /** A {@code path:line} location elsewhere (pytest's summary, node's test runner). */
        LOCATION,
        /** A pytest node id ({@code tests/test_x.py::test_y}): the failing test. */
        TEST_ID,
        /** A file name in the text, without a line. */
        MENTION
    }

    public Frame {
        function = function == null ? "" : function;
    }
}
