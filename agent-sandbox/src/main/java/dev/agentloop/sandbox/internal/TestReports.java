package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.ExecStatus;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import java.time.Duration;
import java.util.List;

/** Reports for the outcomes every runner shares. */
public final class TestReports {

    private TestReports() {}

    /** A report for a run that ended by a limit (time, memory), or empty when the run ended by itself. */
    public static java.util.Optional<TestReport> limitHit(ExecResult run, Duration timeout) {
        if (run.status() == ExecStatus.TIMED_OUT) {
            return java.util.Optional.of(new TestReport(
                    TestOutcome.TIMED_OUT,
                    List.of(),
                    run.stdout(),
                    run.stderr(),
                    -1,
                    run.duration(),
                    "the test run exceeded its time limit of " + human(timeout) + " and was killed"));
        }
        if (run.status() == ExecStatus.OUT_OF_MEMORY) {
            return java.util.Optional.of(new TestReport(
                    TestOutcome.OUT_OF_MEMORY,
                    List.of(),
                    run.stdout(),
                    run.stderr(),
                    -1,
                    run.duration(),
                    "the test run exceeded the sandbox's memory limit and was killed"));
        }
        return java.util.Optional.empty();
    }

    /** A run stopped before it started. */
    public static TestReport blocked(String detail) {
        return new TestReport(TestOutcome.BLOCKED, List.of(), "", "", -1, Duration.ZERO, detail);
    }

    public static TestReport sandboxError(ExecResult run, String detail) {
        return new TestReport(
                TestOutcome.SANDBOX_ERROR,
                List.of(),
                run.stdout(),
                run.stderr(),
                run.exitCode(),
                run.duration(),
                detail);
    }

    /** The first non-blank line of a text, at most 300 characters. */
    public static String firstLine(String text) {
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                String s = line.strip();
                return s.length() > 300 ? s.substring(0, 300) + "..." : s;
            }
        }
        return "";
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
