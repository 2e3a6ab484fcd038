package dev.agentloop.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptContextTest {

    @TempDir
    Path root;

    private final TestState tests = new TestState();

    @Test
    void theSourcesLeaveOutTheTests() {
        Workspace workspace = new Workspace(root);
        workspace.apply(List.of(
                new Edit.WriteFile("solution.py", "def add(a, b):\n    return a + b\n"),
                new Edit.WriteFile("util.py", "X = 1\n"),
                new Edit.WriteFile("test_solution.py", "def test_add(): pass\n")));
        tests.written(List.of("test_solution.py"));

        String sources = new PromptContext(workspace, tests, 1_000).sources();

        assertThat(sources)
                .isEqualTo("# solution.py\ndef add(a, b):\n    return a + b\n\n# util.py\nX = 1\n")
                .doesNotContain("test_add");
    }

    @Test
    void aReportListsTenFailuresCountsTheRestAndCutsTheOutput() {
        List<TestCaseResult> cases = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            cases.add(new TestCaseResult(
                    "test_" + i,
                    "test_solution.py",
                    TestStatus.FAILED,
                    "assert " + i + " == 0",
                    "trace " + i,
                    Duration.ZERO));
        }
        cases.add(TestCaseResult.passed("test_solution.py", "test_ok"));
        String output = "head\n" + "x".repeat(50_000) + "\ntail";
        TestReport report = new TestReport(TestOutcome.FAILED, cases, output, "", 1, Duration.ZERO, "");

        String rendered = new PromptContext(new Workspace(root), tests, 1_000).report(report);

        assertThat(rendered)
                .startsWith("Outcome: FAILED, 1 passed, 12 failed, 0 errored\n")
                .contains("FAILED test_solution.py::test_10: assert 10 == 0\ntrace 10\n")
                .doesNotContain("test_11:")
                .contains("(2 more failing tests)")
                .contains("characters cut to fit the context budget")
                .endsWith("tail");
        assertThat(rendered.substring(rendered.indexOf("Output:\n") + 8).length())
                .isLessThan(1_100);
    }
}
