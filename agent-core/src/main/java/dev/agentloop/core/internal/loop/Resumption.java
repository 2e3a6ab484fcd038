package dev.agentloop.core.internal.loop;

import dev.agentloop.core.Checkpoint;
import dev.agentloop.core.internal.workspace.Edit;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.SandboxSession;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a checkpoint back into a run that starts from it: the files into the workspace and the sandbox, the test files
 * as written, the earlier iterations' lines into the history, and a new plan to be made knowing them, which the
 * Coder is also told. The iteration count and the spend are set by {@link AgentLoop} before the run starts.
 */
final class Resumption {

    private final Checkpoint checkpoint;

    Resumption(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    void restore(
            Workspace workspace,
            SandboxSession session,
            TestState tests,
            IterationRecorder recorder,
            Planning planning,
            CoderFeedback feedback) {
        List<Edit> writes = new ArrayList<>();
        checkpoint.files().forEach((path, content) -> writes.add(new Edit.WriteFile(path, content)));
        for (Workspace.AppliedEdit edit : workspace.apply(writes)) {
            session.writeFile(edit.path(), workspace.read(edit.path()));
        }
        if (!checkpoint.testFiles().isEmpty()) {
            tests.written(checkpoint.testFiles());
        }
        recorder.resumed(checkpoint.history());
        String history = String.join("\n", checkpoint.history());
        // the earlier run's plan is not kept: a new one is made, told what failed so far
        planning.replan(history);
        feedback.set("This run goes on from iteration " + checkpoint.iterations()
                + " of an earlier run; the workspace holds its files. Iterations so far:\n" + history);
    }
}
