package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.ScanFinding;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's static scan before code runs: a blocking finding sends the loop back to CODE with the findings, and
 * the code never runs. Runs once per iteration, in AUDIT when it is enabled (the Auditor also reads the findings),
 * else in TEST.
 */
final class ScanGate {

    private final Workspace workspace;
    private final SandboxSession session;
    private final CoderFeedback feedback;

    ScanGate(Workspace workspace, SandboxSession session, CoderFeedback feedback) {
        this.workspace = workspace;
        this.session = session;
        this.feedback = feedback;
    }

    /** Scans every file in the workspace. */
    List<ScanFinding> scan() {
        return session.scan(workspace.files().keySet());
    }

    /** @return empty when nothing found blocks, else how the iteration ended */
    Optional<StepResult> blockedBy(List<ScanFinding> found) {
        List<ScanFinding> blocking =
                found.stream().filter(ScanFinding::blocking).toList();
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        feedback.set("The static scan blocked the code before it ran; remove these:\n"
                + PromptContext.scanFindings(blocking));
        ScanFinding first = blocking.get(0);
        return Optional.of(StepResult.end(IterationResult.withoutTests(
                IterationOutcome.BLOCKED, "blocked by " + first.rule() + " in " + first.file())));
    }
}
