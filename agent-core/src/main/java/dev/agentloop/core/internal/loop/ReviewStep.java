package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.role.Reviewer;
import dev.agentloop.core.internal.workspace.Workspace;

/**
 * REVIEW (when enabled): a blocking finding of the Reviewer sends the loop back to CODE with the findings. The
 * Reviewer is told whether the tests exist yet (in the first iteration they are written after it).
 */
final class ReviewStep implements PhaseStep {

    private final RunContext run;
    private final Reviewer reviewer;
    private final Planning planning;
    private final Workspace workspace;
    private final CoderFeedback feedback;
    private final TestState tests;

    ReviewStep(
            RunContext run,
            Reviewer reviewer,
            Planning planning,
            Workspace workspace,
            CoderFeedback feedback,
            TestState tests) {
        this.run = run;
        this.tests = tests;
        this.reviewer = reviewer;
        this.planning = planning;
        this.workspace = workspace;
        this.feedback = feedback;
    }

    @Override
    public StepResult run(String budgetNote) {
        Outputs.Review review;
        try {
            review = reviewer.run(run.task(), planning.spec(), planning.plan(), workspace.files(), tests.files());
        } catch (InvalidOutputException e) {
            return feedback.invalidOutput(e);
        }
        if (review.blocking().isEmpty()) {
            return StepResult.proceed();
        }
        feedback.set("The reviewer blocked the code:\n" + PromptContext.findings(review.blocking()));
        return StepResult.end(IterationResult.withoutTests(
                IterationOutcome.REJECTED_BY_REVIEW,
                "review blocked: " + review.blocking().get(0).message()));
    }
}
