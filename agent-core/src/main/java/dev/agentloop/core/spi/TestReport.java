package dev.agentloop.core.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The structured result of running a task's tests in a {@link SandboxSession}.
 *
 * @param outcome how the run ended as a whole
 * @param cases one entry per test case, in the order the runner reported them
 * @param stdout the runner's standard output (possibly cut, see {@link ExecResult})
 * @param stderr the runner's standard error (possibly cut)
 * @param exitCode the runner's exit status; -1 when it was killed or never started
 * @param duration wall time of the run
 * @param detail a one-line explanation for non-test outcomes (the collection error, the blocking rule, the timeout);
 *     empty otherwise
 */
public record TestReport(
        TestOutcome outcome,
        List<TestCaseResult> cases,
        String stdout,
        String stderr,
        int exitCode,
        Duration duration,
        String detail) {

    /**
     * Checks the components; the cases are copied, null texts become empty, a null duration zero.
     *
     * @param outcome how the run ended as a whole
     * @param cases one entry per test case, in the order the runner reported them
     * @param stdout the runner's standard output (possibly cut, see {@link ExecResult})
     * @param stderr the runner's standard error (possibly cut)
     * @param exitCode the runner's exit status; -1 when it was killed or never started
     * @param duration wall time of the run
     * @param detail a one-line explanation for non-test outcomes (the collection error, the blocking rule, the
     *     timeout);
     *     empty otherwise
     */
    public TestReport {
        Objects.requireNonNull(outcome, "outcome");
        cases = List.copyOf(cases);
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        duration = duration == null ? Duration.ZERO : duration;
        detail = detail == null ? "" : detail;
    }

    /** {@return true only when the outcome is {@link TestOutcome#PASSED}} */
    public boolean passed() {
        return outcome == TestOutcome.PASSED;
    }

    /** {@return true when the run hit its time limit} */
    public boolean timedOut() {
        return outcome == TestOutcome.TIMED_OUT;
    }

    /**
     * {@return how many cases have {@code status}}
     *
     * @param status the status to count
     */
    public long count(TestStatus status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }

    /** {@return how many cases ran or were skipped} */
    public int total() {
        return cases.size();
    }

    /** {@return the failed and errored cases, in order} */
    public List<TestCaseResult> failures() {
        return cases.stream()
                .filter(c -> c.status() == TestStatus.FAILED || c.status() == TestStatus.ERRORED)
                .toList();
    }

    /**
     * Passed cases over all non-skipped cases, 0 when none ran.
     *
     * @return the pass rate, 0..1
     */
    public double passRate() {
        long ran = cases.size() - count(TestStatus.SKIPPED);
        return ran == 0 ? 0.0 : (double) count(TestStatus.PASSED) / ran;
    }

    /**
     * stdout and stderr together, as a person would have seen them on a terminal (stdout first).
     *
     * @return the output of both streams
     */
    public String combinedOutput() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        if (stdout.isEmpty()) {
            return stderr;
        }
        return stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
    }
}
