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
 * JavaScript tests with node's own runner ({@code node --test}, node 18.15+), its TAP written to a scratch file
 * so the tests' output stays apart, and parsed by {@link TapParser}.
 */
public final class NodeTestRunner implements TestRunner {

    private final AtomicLong runs = new AtomicLong();

    @Override
    public Language language() {
        return Language.JAVASCRIPT;
    }

    @Override
    public TestReport run(TestRequest request, TestRunContext context) {
        String reportName = "node-" + runs.incrementAndGet() + ".tap";
        List<String> argv = new ArrayList<>(List.of(
                "node",
                "--test",
                "--test-reporter=tap",
                "--test-reporter-destination=" + context.scratchPath(reportName)));
        argv.addAll(request.testFiles());
        ExecResult run = context.exec(new ExecRequest(argv, "", Map.of("NODE_DISABLE_COLORS", "1"), context.timeout()));
        Optional<TestReport> limit = TestReports.limitHit(run, context.timeout());
        Optional<String> tap = context.readScratch(reportName);
        if (limit.isPresent()) {
            return limit.get();
        }
        if (run.exitCode() == 127) {
            return TestReports.sandboxError(
                    run, "node is not available in the sandbox: " + TestReports.firstLine(run.stderr()));
        }
        if (tap.isEmpty() || tap.get().isBlank()) {
            String why = TestReports.firstLine(run.stderr() + "\n" + run.stdout());
            return new TestReport(
                    TestOutcome.COLLECTION_ERROR,
                    List.of(),
                    run.stdout(),
                    run.stderr(),
                    run.exitCode(),
                    run.duration(),
                    why.isEmpty() ? "node --test wrote no report (status " + run.exitCode() + ")" : why);
        }
        TapParser.Parsed parsed = TapParser.parse(tap.get(), context.workspacePath());
        String stdout = run.stdout().isEmpty() ? String.join("\n", parsed.comments()) : run.stdout();
        List<TestCaseResult> cases = new ArrayList<>(parsed.cases());
        if (!parsed.loadErrors().isEmpty()) {
            cases.addAll(parsed.loadErrors());
            TestCaseResult first = parsed.loadErrors().get(0);
            return new TestReport(
                    TestOutcome.COLLECTION_ERROR,
                    cases,
                    stdout,
                    run.stderr(),
                    run.exitCode(),
                    run.duration(),
                    "could not load " + first.name() + ": " + first.message());
        }
        boolean anyFailed =
                cases.stream().anyMatch(c -> c.status() == TestStatus.FAILED || c.status() == TestStatus.ERRORED);
        boolean anyRan = cases.stream().anyMatch(c -> c.status() != TestStatus.SKIPPED);
        TestOutcome outcome;
        String detail = "";
        if (anyFailed) {
            outcome = TestOutcome.FAILED;
        } else if (!anyRan) {
            outcome = TestOutcome.NO_TESTS;
            detail = "node --test found no tests that ran";
        } else if (run.exitCode() != 0) {
            outcome = TestOutcome.FAILED;
            detail = "node --test exited with status " + run.exitCode() + ": " + TestReports.firstLine(run.stderr());
        } else {
            outcome = TestOutcome.PASSED;
        }
        return new TestReport(outcome, cases, stdout, run.stderr(), run.exitCode(), run.duration(), detail);
    }
}
