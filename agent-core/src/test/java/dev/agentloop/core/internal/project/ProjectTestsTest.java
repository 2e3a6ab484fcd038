package dev.agentloop.core.internal.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.AgentException;
import dev.agentloop.core.Language;
import dev.agentloop.core.TestTargets;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTestsTest {

    @TempDir
    Path root;

    private static final TestCommand PYTEST =
            new TestCommand(TestCommand.Runner.PYTEST, Language.PYTHON, "python3 -m pytest", "pytest.ini");

    private static TestReport report(TestOutcome outcome, TestCaseResult... cases) {
        return new TestReport(
                outcome, List.of(cases), "", "", outcome == TestOutcome.PASSED ? 0 : 1, Duration.ZERO, "");
    }

    private static TestCaseResult pass(String name) {
        return TestCaseResult.passed("tests.test_m", name);
    }

    private static TestCaseResult fail(String name) {
        return TestCaseResult.failed("tests.test_m", name, "assert 1 == 2", "");
    }

    @Test
    void failingTestsAtTheBaselineBecomeTheTargetsAndAreSelectedByTheirIds() throws Exception {
        Files.createDirectories(root.resolve("tests"));
        Files.writeString(root.resolve("tests/test_m.py"), "");
        ProjectTests tests =
                new ProjectTests(PYTEST, root, TestTargets.DEFAULT.fixing(List.of()), Duration.ofMinutes(1));

        tests.baseline(report(TestOutcome.FAILED, pass("test_a"), fail("test_b")));

        assertThat(tests.targets()).containsExactly("tests.test_m::test_b");
        assertThat(tests.targeted().orElseThrow().testFiles()).containsExactly("tests/test_m.py::test_b");
    }

    @Test
    void solvedNeedsTheTargetsToPassAndNothingThatPassedBeforeToFail() {
        ProjectTests tests = new ProjectTests(
                PYTEST, root, TestTargets.DEFAULT.fixing(List.of("tests/test_m.py::test_b")), Duration.ofMinutes(1));
        tests.baseline(report(TestOutcome.FAILED, pass("test_a"), fail("test_b"), fail("test_old")));

        ProjectTests.Verdict regressed = tests.judge(report(TestOutcome.FAILED, fail("test_a"), pass("test_b")));
        assertThat(regressed.solved()).isFalse();
        assertThat(regressed.regressions()).containsExactly("tests.test_m::test_a");
        assertThat(regressed.summary()).contains("passed before now fail");

        ProjectTests.Verdict unsolved = tests.judge(report(TestOutcome.FAILED, pass("test_a"), fail("test_b")));
        assertThat(unsolved.solved()).isFalse();
        assertThat(unsolved.unsolved()).containsExactly("tests.test_m::test_b");

        // a test that already failed before the task and is not a target may go on failing
        ProjectTests.Verdict solved =
                tests.judge(report(TestOutcome.FAILED, pass("test_a"), pass("test_b"), fail("test_old")));
        assertThat(solved.solved()).isTrue();
        assertThat(solved.summary()).contains("failed before the task too");

        ProjectTests.Verdict missing = tests.judge(report(TestOutcome.PASSED, pass("test_a")));
        assertThat(missing.solved()).isFalse();
        assertThat(missing.unsolved()).containsExactly("tests.test_m::test_b (did not run)");
    }

    @Test
    void aNewTestThatFailsIsNotSolved() {
        ProjectTests tests = new ProjectTests(PYTEST, root, TestTargets.DEFAULT, Duration.ofMinutes(1));
        tests.baseline(report(TestOutcome.PASSED, pass("test_a")));

        assertThat(tests.judge(report(TestOutcome.FAILED, pass("test_a"), fail("test_new")))
                        .solved())
                .isFalse();
        assertThat(tests.judge(report(TestOutcome.PASSED, pass("test_a"), pass("test_new")))
                        .solved())
                .isTrue();
    }

    @Test
    void aBaselineThatHangsOrCannotRunEndsTheRunNamingTheCause() {
        ProjectTests hanging = new ProjectTests(PYTEST, root, TestTargets.DEFAULT, Duration.ofSeconds(3));
        TestReport timedOut = new TestReport(
                TestOutcome.TIMED_OUT, List.of(), "", "", -1, Duration.ofSeconds(3), "the test run exceeded 3 s");
        assertThatThrownBy(() -> hanging.baseline(timedOut))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("The project's tests did not finish at the baseline")
                .hasMessageContaining("--test-cmd");

        ProjectTests broken = new ProjectTests(PYTEST, root, TestTargets.DEFAULT, Duration.ofSeconds(3));
        TestReport error = new TestReport(
                TestOutcome.SANDBOX_ERROR, List.of(), "", "", 127, Duration.ZERO, "pytest is not available");
        assertThatThrownBy(() -> broken.baseline(error))
                .hasMessageStartingWith("The project's tests could not run at the baseline: pytest is not available");
    }

    @Test
    void aProjectCommandIsJudgedByItsExitStatus() {
        TestCommand make = new TestCommand(TestCommand.Runner.COMMAND, Language.PYTHON, "make check", "the task");
        ProjectTests tests = new ProjectTests(make, root, TestTargets.DEFAULT.fixing(List.of()), Duration.ofMinutes(1));
        tests.baseline(report(TestOutcome.FAILED, TestCaseResult.failed("", "FAILED x", "", "")));

        assertThat(tests.targeted()).isEmpty();
        assertThat(tests.judge(report(TestOutcome.FAILED, TestCaseResult.failed("", "FAILED x", "", "")))
                        .solved())
                .isFalse();
        assertThat(tests.judge(report(TestOutcome.PASSED, TestCaseResult.passed("", "make check")))
                        .solved())
                .isTrue();
    }
}
