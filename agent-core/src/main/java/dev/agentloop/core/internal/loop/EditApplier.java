package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.internal.workspace.EditRejectedException;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.SandboxSession;
import java.util.List;
import java.util.Optional;

/**
 * Applies a role's edits to the workspace (all or nothing), copies the changed files into the sandbox and hands the
 * diffs to the iteration's record. A rejected batch becomes feedback for the Coder and ends the iteration: an edit
 * escaping the workspace is {@code BLOCKED} and warned about, a diff that does not apply is invalid output.
 */
final class EditApplier {

    private final RunContext run;
    private final Workspace workspace;
    private final SandboxSession session;
    private final IterationRecorder recorder;
    private final CoderFeedback feedback;

    EditApplier(
            RunContext run,
            Workspace workspace,
            SandboxSession session,
            IterationRecorder recorder,
            CoderFeedback feedback) {
        this.run = run;
        this.workspace = workspace;
        this.session = session;
        this.recorder = recorder;
        this.feedback = feedback;
    }

    /** @return empty when the edits were applied, else how the iteration ended */
    Optional<StepResult> apply(List<Edit> edits) {
        List<Workspace.AppliedEdit> applied;
        try {
            applied = workspace.apply(edits);
        } catch (EditRejectedException e) {
            feedback.set("Your last edits were not applied: " + e.getMessage());
            IterationOutcome outcome = e.isEscape() ? IterationOutcome.BLOCKED : IterationOutcome.INVALID_MODEL_OUTPUT;
            if (e.isEscape()) {
                run.warn("workspace", e.getMessage());
            }
            return Optional.of(StepResult.end(IterationResult.withoutTests(outcome, e.getMessage())));
        }
        for (Workspace.AppliedEdit edit : applied) {
            session.writeFile(edit.path(), workspace.read(edit.path()));
        }
        recorder.applied(applied);
        return Optional.empty();
    }
}
