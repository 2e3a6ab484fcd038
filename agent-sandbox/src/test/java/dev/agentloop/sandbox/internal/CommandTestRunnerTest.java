package dev.agentloop.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTestRunnerTest {

    @Test
    void failingLinesComeFromPytestTapAndTracebackSummaries() {
        String output = """
                ============ short test summary info ============
                FAILED tests/test_x.py::test_a - AssertionError: assert 1 == 2
                not ok 3 - parses ranges
                ok 4 - other
                ValueError: bad input
                FAILED tests/test_x.py::test_a - AssertionError: assert 1 == 2
                1 failed, 3 passed in 0.12s
                """;

        assertThat(CommandTestRunner.failingLines(output))
                .containsExactly(
                        "FAILED tests/test_x.py::test_a - AssertionError: assert 1 == 2",
                        "not ok 3 - parses ranges",
                        "ValueError: bad input");
    }

    @Test
    void aPassingOutputHasNoFailingLines() {
        assertThat(CommandTestRunner.failingLines("ok 1 - a\nok 2 - b\n# pass 2\n"))
                .isEmpty();
    }
}
