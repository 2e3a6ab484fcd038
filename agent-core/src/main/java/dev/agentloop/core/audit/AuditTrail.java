package dev.agentloop.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where audited actions are kept. Implementations are thread-safe. */
public interface AuditTrail {

    /**
     * Records one action.
     *
     * @param entry the action to record
     */
    void record(AuditEntry entry);

    /**
     * Records {@code entry} unless {@link #done} already holds for its repository, action and target, as one atomic
     * step (also against other processes sharing the trail): how a claim is taken once.
     *
     * @param entry the action to record once
     * @return true when recorded, false when it was already done
     */
    boolean recordFirst(AuditEntry entry);

    /**
     * Entries, oldest first.
     *
     * @param repository only this repository's; empty for all
     * @param since only those at or after; empty for all
     * @param limit at most this many (the newest)
     * @return the entries, oldest first
     */
    List<AuditEntry> list(Optional<String> repository, Optional<Instant> since, int limit);

    /**
     * {@return true when the latest entry of {@code action} on {@code target} of {@code repository} succeeded (e.g. a
     * claim that a later failed attempt did not release)}
     *
     * @param repository the repository, {@code owner/name}
     * @param action the kind of action
     * @param target what it acted on
     */
    boolean done(String repository, AuditAction action, String target);

    /**
     * {@return the cost of every entry at or after {@code since}, all repositories (a daily cost cap's spend)}
     *
     * @param since the earliest entry counted
     */
    double spent(Instant since);
}
