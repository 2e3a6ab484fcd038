package dev.agentloop.server.internal.queue;

import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalRequest;
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
 * Puts a question in the approvals table, where any server's API lists and decides it, and waits (looking every
 * {@code poll}) until it is decided, times out (then it is expired and taken as denied) or the waiting thread is
 * interrupted (expired too, and denied).
 */
public final class ApprovalWaiter {

    private final ApprovalStore store;
    private final Duration timeout;
    private final Duration poll;
    private final Clock clock;

    /**
     * @param store the approvals table
     * @param timeout how long a question waits before it is denied
     * @param poll time between two looks at the question
     * @param clock the questions' times and the deadline
     */
    public ApprovalWaiter(ApprovalStore store, Duration timeout, Duration poll, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Asks and waits for the answer.
     *
     * @param request the question
     * @return the decision, with who took it (the API token's name) and the note
     */
    public ApprovalDecision await(ApprovalRequest request) {
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
