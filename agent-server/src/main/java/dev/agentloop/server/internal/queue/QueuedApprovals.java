package dev.agentloop.server.internal.queue;

import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.server.TaskMode;
import dev.agentloop.server.internal.store.ApprovalStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Approvals per the task's mode, with the API as the person to ask: manual asks before every phase and before what
 * supervised asks about; supervised asks before a dependency outside the allow-list or a risky command; autonomous
 * asks nothing and denies what would need asking. A question is a pending row that any server's API can decide;
 * the run waits for it (looking every {@code poll}) until it is decided, times out, or the run is cancelled.
 */
final class QueuedApprovals implements ApprovalHandler {

    private final TaskMode mode;
    private final ApprovalWaiter waiter;

    QueuedApprovals(ApprovalStore store, TaskMode mode, Duration timeout, Duration poll, Clock clock) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.waiter = new ApprovalWaiter(store, timeout, poll, clock);
    }

    @Override
    public ApprovalDecision decide(ApprovalRequest request) {
        boolean wouldAsk = request.kind() == ApprovalKind.PHASE ? mode == TaskMode.MANUAL : mode != TaskMode.AUTONOMOUS;
        if (!wouldAsk) {
            if (mode == TaskMode.AUTONOMOUS && request.kind() != ApprovalKind.PHASE) {
                return ApprovalDecision.deny(
                        "policy:autonomous",
                        "autonomous mode denies what would need asking; submit with mode supervised");
            }
            return ApprovalDecision.approve("policy:" + mode.id());
        }
        return waiter.await(request);
    }
}
