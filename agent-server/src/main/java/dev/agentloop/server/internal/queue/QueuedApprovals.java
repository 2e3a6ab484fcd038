package dev.agentloop.server.internal.queue;

import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRequest;
import dev.agentloop.server.TaskMode;
import dev.agentloop.server.internal.store.ApprovalRow;
import dev.agentloop.server.internal.store.ApprovalStatus;
import dev.agentloop.server.internal.store.ApprovalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Approvals per the task's mode, with the API as the person to ask: manual asks before every phase and before what
 * supervised asks about; supervised asks before a dependency outside the allow-list or a risky command; autonomous
 * asks nothing and denies what would need asking. A question is a pending row that any server's API can decide;
 * the run waits for it (looking every {@code poll}) until it is decided, times out, or the run is cancelled.
 */
final class QueuedApprovals implements ApprovalHandler {

    private final ApprovalStore store;
    private final TaskMode mode;
    private final Duration timeout;
    private final Duration poll;
    private final Clock clock;

    QueuedApprovals(ApprovalStore store, TaskMode mode, Duration timeout, Duration poll, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        UUID id = UUID.randomUUID();
        Instant asked = clock.instant();
        store.ask(
                id,
                request.taskId(),
                request.kind().name().toLowerCase(Locale.ROOT),
                request.subject(),
                request.reason(),
                asked);
        Instant deadline = asked.plus(timeout);
        try {
            while (true) {
                Optional<ApprovalRow> row = store.find(id);
                if (row.isPresent() && row.get().status() != ApprovalStatus.PENDING) {
                    return decision(row.get());
                }
                if (!clock.instant().isBefore(deadline)) {
                    if (store.decide(
                            id, ApprovalStatus.EXPIRED, "server", "nobody answered in " + timeout, clock.instant())) {
                        return ApprovalDecision.deny("timeout", "nobody answered within " + timeout);
                    }
                    continue; // decided at the last moment: read it
                }
                Thread.sleep(poll.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.decide(id, ApprovalStatus.EXPIRED, "server", "the run was cancelled", clock.instant());
            return ApprovalDecision.deny("cancelled", "the run was cancelled while waiting");
        }
    }

    private static ApprovalDecision decision(ApprovalRow row) {
        String by = row.decidedBy().orElse("api");
        String note = row.note().orElse("");
        return row.status() == ApprovalStatus.APPROVED
                ? new ApprovalDecision(true, by, note)
                : ApprovalDecision.deny(by, note.isEmpty() ? row.status().id() : note);
    }
}
