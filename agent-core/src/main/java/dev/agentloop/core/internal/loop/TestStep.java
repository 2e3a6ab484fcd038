package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.role.Tester;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import java.util.List;
import java.util.Optional;

/**
 * TEST: the Tester writes the tests when they are missing or must be revised, the static scan runs unless AUDIT
 * already ran it, and the sandbox runs the tests. Passing tests end the iteration and link the fixes of the failures
 * before; failing ones go on to REFLECT with the report.
 */
final class TestStep implements PhaseStep {

    private final RunContext run;
    private final Tester tester;
    private final Planning planning;
    private final TestState tests;
    private final Workspace workspace;
    private final SandboxSession session;
    private final EditApplier edits;
    private final ScanGate scanGate;
    private final FixLinker fixes;
    private final CoderFeedback feedback;

    TestStep(
            RunContext run,
            Tester tester,
            Planning planning,
            TestState tests,
            Workspace workspace,
            SandboxSession session,
            EditApplier edits,
            ScanGate scanGate,
            FixLinker fixes,
            CoderFeedback feedback) {
        this.run = run;
        this.tester = tester;
        this.planning = planning;
        this.tests = tests;
        this.workspace = workspace;
        this.session = session;
        this.edits = edits;
        this.scanGate = scanGate;
        this.fixes = fixes;
        this.feedback = feedback;
    }

    @Override
    public StepResult run(String budgetNote) {
        if (tests.writeNeeded()) {
            Optional<StepResult> notWritten = writeTests();
            if (notWritten.isPresent()) {
                return notWritten.get();
            }
        }
        if (!run.config().auditEnabled()) {
            // with AUDIT enabled, the scan already ran in this iteration before the code got here
            Optional<StepResult> blocked = scanGate.blockedBy(scanGate.scan());
            if (blocked.isPresent()) {
                return blocked.get();
            }
        }
        TestReport report = session.runTests(new TestRequest(
                run.task().language(), tests.files(), run.config().testTimeout()));
        tests.reported(report);
        int passed = (int) report.count(TestStatus.PASSED);
        run.events()
                .publish(new TestsRun(
                        run.taskId(),
                        run.iteration(),
                        run.now(),
                        report.outcome(),
                        passed,
                        report.count(TestStatus.FAILED),
                        report.count(TestStatus.ERRORED),
                        report.duration(),
                        report.detail()));
        if (!report.passed()) {
            return StepResult.proceed();
        }
        fixes.passed();
        run.breaker().onPass();
        return StepResult.end(new IterationResult(
                IterationOutcome.PASSED, passed + "/" + report.total() + " tests passed", passed, report.total()));
    }

    private Optional<StepResult> writeTests() {
        Outputs.TestSuite suite;
        try {
            suite = tester.run(run.task(), planning.spec(), planning.plan(), workspace.files(), tests.revision());
        } catch (InvalidOutputException e) {
            return Optional.of(feedback.invalidOutput(e));
        }
        Optional<StepResult> rejected = edits.apply(suite.files());
        if (rejected.isPresent()) {
            return rejected;
        }
        List<String> files = suite.files().stream()
                .map(edit -> workspace
                        .root()
                        .relativize(workspace.resolve(edit.path()))
                        .toString()
                        .replace('\\', '/'))
                .distinct()
                .toList();
        tests.written(files);
        return Optional.empty();
    }
}
