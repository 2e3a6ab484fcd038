package dev.agentloop.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where audited actions are kept. Implementations are thread-safe. */
public interface AuditTrail {

    /** Records one action. */
    void record(AuditEntry entry);

    /**
     * Records {@code entry} unless {@link #done} already holds for its repository, action and target, as one atomic
     * step (also against other processes sharing the trail): how a claim is taken once.
     *
     * @return true when recorded, false when it was already done
     */
    boolean recordFirst(AuditEntry entry);

    /**
     * Entries, oldest first.
     *
     * @param repository only this repository's; empty for all
     * @param since only those at or after; empty for all
     * @param limit at most this many (the newest)
     */
    List<AuditEntry> list(Optional<String> repository, Optional<Instant> since, int limit);

    /**
     * True when the latest entry of {@code action} on {@code target} of {@code repository} succeeded (e.g. a claim
     * that a later failed attempt did not release).
     */
    boolean done(String repository, AuditAction action, String target);

    /** The cost of every entry at or after {@code since}, all repositories (a daily cost cap's spend). */
    double spent(Instant since);
}
