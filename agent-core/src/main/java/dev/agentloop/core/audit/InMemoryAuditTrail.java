package dev.agentloop.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An audit trail held in memory, for tests and runs without a database; lost when the process ends. */
public final class InMemoryAuditTrail implements AuditTrail {

    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(AuditEntry entry) {
        entries.add(java.util.Objects.requireNonNull(entry, "entry"));
    }

    @Override
    public synchronized boolean recordFirst(AuditEntry entry) {
        if (done(entry.repository(), entry.action(), entry.target())) {
            return false;
        }
        record(entry);
        return true;
    }

    @Override
    public synchronized List<AuditEntry> list(Optional<String> repository, Optional<Instant> since, int limit) {
        List<AuditEntry> found = new ArrayList<>();
        for (AuditEntry e : entries) {
            if (repository.map(e.repository()::equals).orElse(true)
                    && since.map(s -> !e.at().isBefore(s)).orElse(true)) {
                found.add(e);
            }
        }
        found.sort(java.util.Comparator.comparing(AuditEntry::at)); // stable: equal times keep their order
        return List.copyOf(found.subList(Math.max(0, found.size() - limit), found.size()));
    }

    @Override
    public synchronized boolean done(String repository, AuditAction action, String target) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            AuditEntry e = entries.get(i);
            if (e.repository().equals(repository)
                    && e.action() == action
                    && e.target().equals(target)) {
                return e.result() == AuditResult.OK;
            }
        }
        return false;
    }

    @Override
    public synchronized double spent(Instant since) {
        return entries.stream()
                .filter(e -> !e.at().isBefore(since))
                .mapToDouble(AuditEntry::cost)
                .sum();
    }
}
