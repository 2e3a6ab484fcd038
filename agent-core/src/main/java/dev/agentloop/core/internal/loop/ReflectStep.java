package dev.agentloop.core.internal.loop;

import dev.agentloop.core.FailureSignature;
import dev.agentloop.core.event.FailureStored;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.hygiene.ContextBudget;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.role.Reflector;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * REFLECT, after failed tests: computes the failure's signature, stores the failure (and remembers the code as it
 * failed, for its fix), lets the breaker's ladder escalate a repeat, retrieves similar past failures, and asks the
 * Reflector for a diagnosis. What the Coder is told next is set here. Always ends the iteration.
 */
final class ReflectStep implements PhaseStep {

    /** Bound on each excerpt stored with a failure (code and output). */
    static final int EXCERPT_CHARS = 4_000;

    private final RunContext run;
    private final Reflector reflector;
    private final Planning planning;
    private final TestState tests;
    private final Workspace workspace;
    private final PromptContext context;
    private final FixLinker fixes;
    private final EscalationLadder ladder;
    private final SimilarFailures similarFailures;
    private final CoderFeedback feedback;
    private final IterationRecorder recorder;
    private final Optional<Project> project;
    private final Optional<RunActions> actions;

    ReflectStep(
            RunContext run,
            Reflector reflector,
            Planning planning,
            TestState tests,
            Workspace workspace,
            PromptContext context,
            FixLinker fixes,
            EscalationLadder ladder,
            SimilarFailures similarFailures,
            CoderFeedback feedback,
            IterationRecorder recorder,
            Optional<Project> project,
            Optional<RunActions> actions) {
        this.run = run;
        this.reflector = reflector;
        this.planning = planning;
        this.tests = tests;
        this.workspace = workspace;
        this.context = context;
        this.fixes = fixes;
        this.ladder = ladder;
        this.similarFailures = similarFailures;
        this.feedback = feedback;
        this.recorder = recorder;
        this.project = project;
        this.actions = actions;
    }

    @Override
    public StepResult run(String budgetNote) {
        TestReport report = tests.latestReport();
        FailureSignature signature = FailureSignature.of(report);
        FailureRecord failure = store(signature, report);
        String escalationNote = ladder.onFailure(signature);
        List<FailureMatch> similar = similarFailures.like(failure);
        String renderedReport = context.report(report);
        Outputs.Reflection reflection = null;
        try {
            if (project.isPresent() && actions.isPresent()) {
                reflection = reflector.act(
                        run.task(),
                        project.get().tests().baselineSummary(),
                        workspace.files(),
                        renderedReport,
                        signature.value(),
                        PromptContext.similarFailures(similar),
                        recorder.history(),
                        escalationNote,
                        "",
                        actions.get());
            } else {
                reflection = reflector.run(
                        run.task(),
                        planning.spec(),
                        planning.plan(),
                        workspace.files(),
                        renderedReport,
                        signature.value(),
                        PromptContext.similarFailures(similar),
                        recorder.history(),
                        escalationNote,
                        "");
            }
        } catch (InvalidOutputException e) {
            run.warn("reflector", e.getMessage() + " The coder gets the test report without a diagnosis.");
        }
        if (reflection != null) {
            ladder.hypothesis(reflection.hypothesis().isBlank() ? reflection.diagnosis() : reflection.hypothesis());
            if (reflection.reviseTests()) {
                tests.revise(reflection.diagnosis());
            }
        }
        feedback.set(PromptContext.afterFailedTests(signature.value(), renderedReport, reflection, escalationNote));
        int passed = (int) report.count(TestStatus.PASSED);
        return StepResult.end(new IterationResult(
                IterationOutcome.TESTS_FAILED,
                passed + "/" + report.total() + " tests passed; " + signature.value(),
                passed,
                report.total()));
    }

    private static final java.util.regex.Pattern TRACE_PATH =
            java.util.regex.Pattern.compile("([\\w./-]+\\.(?:py|js|mjs|cjs|ts|java))[\"']?(?:, line |:)(\\d+)");

    /** The files the run edited, then those the failing tests' tracebacks name that exist in the project. */
    private List<String> filesInvolved(TestReport report, Project p) {
        List<String> files = new java.util.ArrayList<>(workspace.files().keySet());
        for (var failed : report.failures()) {
            java.util.regex.Matcher m = TRACE_PATH.matcher(failed.trace() + "\n" + failed.message());
            while (m.find()) {
                String path = m.group(1).replaceFirst("^/workspace/", "").replaceFirst("^\\./", "");
                if (!path.startsWith("/")
                        && java.nio.file.Files.isRegularFile(p.copy().root().resolve(path))) {
                    files.add(path);
                }
            }
        }
        return files;
    }

    /** Records the failure (published when stored) and remembers the code as it failed, for its fix. */
    private FailureRecord store(FailureSignature signature, TestReport report) {
        FailureRecord failure = new FailureRecord(
                UUID.randomUUID(),
                run.taskId(),
                run.iteration(),
                signature.value(),
                signature.errorType(),
                signature.message(),
                signature.location(),
                run.task().language(),
                run.task().project(),
                planning.spec().goal(),
                ContextBudget.cutMiddle(context.sources(), EXCERPT_CHARS),
                ContextBudget.cutMiddle(report.combinedOutput(), EXCERPT_CHARS),
                run.now());
        if (project.isPresent()) {
            failure = failure.withRepository(project.get().copy().repository())
                    .withFiles(filesInvolved(report, project.get()));
        }
        if (run.memory().recordFailure(failure)) {
            run.events()
                    .publish(new FailureStored(
                            run.taskId(), run.iteration(), run.now(), failure.id(), signature.value()));
        }
        fixes.failed(failure.id());
        return failure;
    }
}
