package dev.agentloop.core.internal.loop;

import dev.agentloop.core.internal.role.Coder;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.workspace.Workspace;
import java.util.Optional;

/** CODE: the Coder acts on its feedback; its edits are applied, and the feedback is spent once they are. */
final class CodeStep implements PhaseStep {

    private final RunContext run;
    private final Coder coder;
    private final Planning planning;
    private final Workspace workspace;
    private final EditApplier edits;
    private final CoderFeedback feedback;
    private final IterationRecorder recorder;

    CodeStep(
            RunContext run,
            Coder coder,
            Planning planning,
            Workspace workspace,
            EditApplier edits,
            CoderFeedback feedback,
            IterationRecorder recorder) {
        this.run = run;
        this.coder = coder;
        this.planning = planning;
        this.workspace = workspace;
        this.edits = edits;
        this.feedback = feedback;
        this.recorder = recorder;
    }

    @Override
    public StepResult run(String budgetNote) {
        Outputs.CodeChange change;
        try {
            change = coder.run(
                    run.task(),
                    planning.spec(),
                    planning.plan(),
                    workspace.files(),
                    feedback.text(),
                    recorder.history(),
                    budgetNote);
        } catch (InvalidOutputException e) {
            return feedback.invalidOutput(e);
        }
        Optional<StepResult> rejected = edits.apply(change.edits());
        if (rejected.isPresent()) {
            return rejected.get();
        }
        feedback.clear();
        return StepResult.proceed();
    }
}
