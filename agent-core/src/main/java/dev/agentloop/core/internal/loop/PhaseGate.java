package dev.agentloop.core.internal.loop;

import dev.agentloop.core.LogContext;
import dev.agentloop.core.Phase;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.ApprovalDecided;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.internal.breaker.Trip;
import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.ApprovalRequest;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Entering a phase: the breaker is asked first (a cancel or a deadline stops here), manual mode asks the approval
 * handler, then the move is checked against the table, put in the log context and published.
 */
final class PhaseGate {

    private final RunContext run;
    private final ApprovalHandler approvals;

    PhaseGate(RunContext run, ApprovalHandler approvals) {
        this.run = run;
        this.approvals = approvals;
    }

    /**
     * @throws StopSignal when the run was cancelled, is past its deadline, or the phase was not approved
     * @throws IllegalStateException naming both phases when the table does not allow the move
     */
    void enter(Phase phase) {
        Optional<Trip> trip = run.breaker().checkRunning();
        if (trip.isPresent()) {
            throw new StopSignal(trip.get());
        }
        if (run.config().phaseApproval() && phase != Phase.INIT) {
            approve(phase);
        }
        run.state().moveTo(phase);
        MDC.put(LogContext.PHASE, phase.name());
        MDC.put(LogContext.ITERATION, Integer.toString(run.iteration()));
        run.events().publish(new PhaseEntered(run.taskId(), run.iteration(), run.now(), phase));
    }

    private void approve(Phase phase) {
        ApprovalRequest request = new ApprovalRequest(
                run.taskId(), ApprovalKind.PHASE, phase.name(), "manual mode asks before every phase");
        ApprovalDecision decision;
        try {
            decision = approvals.decide(request);
        } catch (RuntimeException e) {
            decision = ApprovalDecision.deny("default", "the approval handler failed: " + e.getMessage());
        }
        run.memory().recordApproval(new ApprovalRecord(request, decision, run.iteration(), run.now()));
        run.events().publish(new ApprovalDecided(run.taskId(), run.iteration(), run.now(), request, decision));
        if (!decision.approved()) {
            throw new StopSignal(new Trip(StopReason.CANCELLED, "entering " + phase + " was not approved"));
        }
    }
}
