package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.role.Auditor;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.ScanFinding;
import java.util.List;
import java.util.Optional;

/**
 * AUDIT (when enabled): the static scan runs here (a blocking finding stops the code before the Auditor sees it),
 * then the Auditor reads the code and the scan's findings; a blocking finding sends the loop back to CODE.
 */
final class AuditStep implements PhaseStep {

    private final RunContext run;
    private final Auditor auditor;
    private final Planning planning;
    private final Workspace workspace;
    private final ScanGate scanGate;
    private final CoderFeedback feedback;

    AuditStep(
            RunContext run,
            Auditor auditor,
            Planning planning,
            Workspace workspace,
            ScanGate scanGate,
            CoderFeedback feedback) {
        this.run = run;
        this.auditor = auditor;
        this.planning = planning;
        this.workspace = workspace;
        this.scanGate = scanGate;
        this.feedback = feedback;
    }

    @Override
    public StepResult run(String budgetNote) {
        List<ScanFinding> found = scanGate.scan();
        Optional<StepResult> blocked = scanGate.blockedBy(found);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Outputs.Audit audit;
        try {
            audit = auditor.run(run.task(), planning.spec(), workspace.files(), PromptContext.scanFindings(found));
        } catch (InvalidOutputException e) {
            return feedback.invalidOutput(e);
        }
        if (audit.blocking().isEmpty()) {
            return StepResult.proceed();
        }
        feedback.set("The security audit blocked the code:\n" + PromptContext.findings(audit.blocking()));
        return StepResult.end(IterationResult.withoutTests(
                IterationOutcome.BLOCKED,
                "audit blocked: " + audit.blocking().get(0).message()));
    }
}
