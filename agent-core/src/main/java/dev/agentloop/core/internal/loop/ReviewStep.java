package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.role.Reviewer;
import dev.agentloop.core.internal.workspace.Workspace;

/** REVIEW (when enabled): a blocking finding of the Reviewer sends the loop back to CODE with the findings. */
final class ReviewStep implements PhaseStep {

    private final RunContext run;
    private final Reviewer reviewer;
    private final Planning planning;
    private final Workspace workspace;
    private final CoderFeedback feedback;

    ReviewStep(RunContext run, Reviewer reviewer, Planning planning, Workspace workspace, CoderFeedback feedback) {
        this.run = run;
        this.reviewer = reviewer;
        this.planning = planning;
        this.workspace = workspace;
        this.feedback = feedback;
    }

    @Override
    public StepResult run(String budgetNote) {
        Outputs.Review review;
        try {
            review = reviewer.run(run.task(), planning.spec(), planning.plan(), workspace.files());
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
