package dev.agentloop.core.internal.loop;

import dev.agentloop.core.internal.role.Coder;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.workspace.Workspace;
import java.util.Optional;

/**
 * CODE on an existing project: the Coder gets the ranked repository map and acts (reads, searches, runs commands,
 * edits) before it answers; the final answer's edits, if any, are applied like any edits.
 */
final class ProjectCodeStep implements PhaseStep {

    private final RunContext run;
    private final Coder coder;
    private final Project project;
    private final Workspace workspace;
    private final EditApplier edits;
    private final RunActions actions;
    private final CoderFeedback feedback;
    private final IterationRecorder recorder;
    private final int mapTokens;

    ProjectCodeStep(
            RunContext run,
            Coder coder,
            Project project,
            Workspace workspace,
            EditApplier edits,
            RunActions actions,
            CoderFeedback feedback,
            IterationRecorder recorder) {
        this.run = run;
        this.coder = coder;
        this.project = project;
        this.workspace = workspace;
        this.edits = edits;
        this.actions = actions;
        this.feedback = feedback;
        this.recorder = recorder;
        // the map may take up to a third of the prompt budget; the sections' fitting cuts it further when needed
        this.mapTokens = Math.max(500, run.config().hygiene().maxPromptTokens() / 3);
    }

    @Override
    public StepResult run(String budgetNote) {
        // the first time, the baseline's failing tests say where to look; later, the latest report (in the feedback)
        String query = run.task().text() + "\n"
                + (feedback.text().isEmpty() ? project.tests().baselineFailures() : feedback.text());
        String map = project.map().render(query, mapTokens);
        Outputs.CodeChange change;
        try {
            change = coder.act(
                    run.task(),
                    project.tests().baselineSummary(),
                    map,
                    workspace.files(),
                    feedback.text(),
                    recorder.history(),
                    budgetNote,
                    actions);
        } catch (InvalidOutputException e) {
            return feedback.invalidOutput(e);
        } finally {
            project.map().changed(workspace.files().keySet());
        }
        Optional<StepResult> rejected = edits.apply(change.edits());
        project.map().changed(workspace.files().keySet());
        if (rejected.isPresent()) {
            return rejected.get();
        }
        feedback.clear();
        return StepResult.proceed();
    }
}
