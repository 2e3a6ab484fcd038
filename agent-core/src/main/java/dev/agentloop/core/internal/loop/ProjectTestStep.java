package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.internal.project.ProjectTests;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import java.util.Optional;

/**
 * TEST on an existing project: the static scan of the changed files (unless AUDIT ran it), then the targeted tests
 * alone (seconds), and only when they pass the whole suite, judged against the baseline: solved means the targets
 * pass and nothing that passed before fails. A failing run goes on to REFLECT with its report.
 */
final class ProjectTestStep implements PhaseStep {

    private final RunContext run;
    private final Project project;
    private final TestState tests;
    private final SandboxSession session;
    private final ScanGate scanGate;
    private final FixLinker fixes;

    ProjectTestStep(
            RunContext run,
            Project project,
            TestState tests,
            SandboxSession session,
            ScanGate scanGate,
            FixLinker fixes) {
        this.run = run;
        this.project = project;
        this.tests = tests;
        this.session = session;
        this.scanGate = scanGate;
        this.fixes = fixes;
    }

    @Override
    public StepResult run(String budgetNote) {
        if (!run.config().auditEnabled()) {
            Optional<StepResult> blocked = scanGate.blockedBy(scanGate.scan());
            if (blocked.isPresent()) {
                return blocked.get();
            }
        }
        ProjectTests oracle = project.tests();
        Optional<TestRequest> targeted = oracle.targeted();
        if (targeted.isPresent()) {
            TestReport report = runTests(targeted.get(), "targeted");
            if (!report.passed()) {
                tests.reported(report);
                return StepResult.proceed();
            }
        }
        TestReport full = runTests(oracle.suite(), "whole suite");
        ProjectTests.Verdict verdict = oracle.judge(full);
        if (!verdict.solved()) {
            tests.reported(explained(full, verdict));
            return StepResult.proceed();
        }
        fixes.passed();
        run.breaker().onPass();
        int passed = (int) full.count(TestStatus.PASSED);
        return StepResult.end(new IterationResult(IterationOutcome.PASSED, verdict.summary(), passed, full.total()));
    }

    private TestReport runTests(TestRequest request, String which) {
        TestReport report = session.runTests(request);
        run.events()
                .publish(new TestsRun(
                        run.taskId(),
                        run.iteration(),
                        run.now(),
                        report.outcome(),
                        (int) report.count(TestStatus.PASSED),
                        report.count(TestStatus.FAILED),
                        report.count(TestStatus.ERRORED),
                        report.duration(),
                        which + (report.detail().isEmpty() ? "" : ": " + report.detail())));
        return report;
    }

    /**
     * The suite's report as REFLECT sees it: failing when the verdict says so even if the runner's outcome was
     * "failed" only by tests that failed before the task (then the verdict's reason is the detail).
     */
    private static TestReport explained(TestReport full, ProjectTests.Verdict verdict) {
        TestOutcome outcome = full.outcome() == TestOutcome.PASSED ? TestOutcome.FAILED : full.outcome();
        String detail = full.detail().isEmpty() ? verdict.summary() : full.detail() + "; " + verdict.summary();
        return new TestReport(
                outcome, full.cases(), full.stdout(), full.stderr(), full.exitCode(), full.duration(), detail);
    }
}
