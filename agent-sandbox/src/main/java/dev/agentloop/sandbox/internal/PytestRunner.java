package dev.agentloop.sandbox.internal;

import dev.agentloop.core.Language;
import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import dev.agentloop.sandbox.spi.TestRunContext;
import dev.agentloop.sandbox.spi.TestRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Python tests with pytest, its JUnit XML report written to a scratch file outside the workspace and parsed.
 * pytest's exit status tells collection errors (2), usage errors such as a missing file (4) and an empty run (5)
 * apart from failing tests (1).
 */
public final class PytestRunner implements TestRunner {

    private final AtomicLong runs = new AtomicLong();

    @Override
    public Language language() {
        return Language.PYTHON;
    }

    @Override
    public TestReport run(TestRequest request, TestRunContext context) {
        String reportName = "pytest-" + runs.incrementAndGet() + ".xml";
        List<String> argv = new ArrayList<>(List.of(
                "python3",
                "-m",
                "pytest",
                "-q",
                "--tb=short",
                "-p",
                "no:cacheprovider",
                "-o",
                "console_output_style=classic",
                "--junitxml=" + context.scratchPath(reportName)));
        argv.addAll(request.testFiles());
        ExecRequest exec = new ExecRequest(argv, "", Map.of("PYTHONDONTWRITEBYTECODE", "1"), context.timeout());
        ExecResult run = context.exec(exec);
        Optional<TestReport> limit = TestReports.limitHit(run, context.timeout());
        Optional<String> xml = context.readScratch(reportName);
        if (limit.isPresent()) {
            return limit.get();
        }
        int exit = run.exitCode();
        if (exit == 127 || (exit == 1 && run.stderr().contains("No module named pytest"))) {
            return TestReports.sandboxError(
                    run, "pytest is not available in the sandbox: " + TestReports.firstLine(run.stderr()));
        }
        if (exit == 4) {
            return report(TestOutcome.COLLECTION_ERROR, List.of(), run, usageDetail(run));
        }
        if (xml.isEmpty() || xml.get().isBlank()) {
            if (exit == 5) {
                return report(TestOutcome.NO_TESTS, List.of(), run, "pytest collected no tests");
            }
            return TestReports.sandboxError(
                    run,
                    "pytest exited with status " + exit + " without writing its report: "
                            + TestReports.firstLine(run.stderr() + "\n" + run.stdout()));
        }
        JUnitXmlParser.Parsed parsed;
        try {
            parsed = JUnitXmlParser.parse(xml.get());
        } catch (IllegalArgumentException e) {
            return TestReports.sandboxError(run, "pytest's report could not be read: " + e.getMessage());
        }
        if (!parsed.collectionErrors().isEmpty()) {
            TestCaseResult first = parsed.collectionErrors().get(0);
            List<TestCaseResult> all = new ArrayList<>(parsed.cases());
            all.addAll(parsed.collectionErrors());
            String where = first.name().isEmpty() ? first.suite() : first.name();
            return report(
                    TestOutcome.COLLECTION_ERROR,
                    all,
                    run,
                    "could not collect " + where + ": " + JUnitXmlParser.lastErrorLine(first.trace()));
        }
        if (exit == 2 || exit == 3) {
            return report(
                    TestOutcome.COLLECTION_ERROR,
                    parsed.cases(),
                    run,
                    "pytest stopped with status " + exit + ": "
                            + TestReports.firstLine(run.stderr() + "\n" + run.stdout()));
        }
        List<TestCaseResult> cases = parsed.cases();
        boolean anyFailed =
                cases.stream().anyMatch(c -> c.status() == TestStatus.FAILED || c.status() == TestStatus.ERRORED);
        boolean anyRan = cases.stream().anyMatch(c -> c.status() != TestStatus.SKIPPED);
        if (anyFailed || exit == 1) {
            return report(TestOutcome.FAILED, cases, run, "");
        }
        if (!anyRan || exit == 5) {
            return report(TestOutcome.NO_TESTS, cases, run, "pytest collected no tests that ran");
        }
        return report(TestOutcome.PASSED, cases, run, "");
    }

    private static String usageDetail(ExecResult run) {
        String line = TestReports.firstLine(run.stderr());
        return line.isEmpty() ? "pytest refused its arguments (status 4)" : line;
    }

    private static TestReport report(TestOutcome outcome, List<TestCaseResult> cases, ExecResult run, String detail) {
        return new TestReport(outcome, cases, run.stdout(), run.stderr(), run.exitCode(), run.duration(), detail);
    }
}
