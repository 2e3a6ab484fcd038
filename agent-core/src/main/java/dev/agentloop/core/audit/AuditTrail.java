package dev.agentloop.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where audited actions are kept. Implementations are thread-safe. */
public interface AuditTrail {

    /** Records one action. */
    void record(AuditEntry entry);

    /**
     * Entries, oldest first.
     *
     * @param repository only this repository's; empty for all
     * @param since only those at or after; empty for all
     * @param limit at most this many (the newest)
     */
    List<AuditEntry> list(Optional<String> repository, Optional<Instant> since, int limit);

    /** True when {@code target} of {@code repository} has a successful {@code action} on record (e.g. a claim). */
    boolean done(String repository, AuditAction action, String target);
}
