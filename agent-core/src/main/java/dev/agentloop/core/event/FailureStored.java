package dev.agentloop.core.event;

import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.FailureRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A failure was recorded in the failure memory under its signature. The event carries the failure's id, not its
 * texts (they may hold code and output); {@link #failure(FailureMemory)} reads the row as the memory stored it.
 *
 * @param taskId the task the failure happened in
 * @param iteration the iteration it happened in
 * @param at when it was stored
 * @param failureId the stored failure's id
 * @param signature the failure's signature (error type, normalised message, location)
 */
public record FailureStored(UUID taskId, int iteration, Instant at, UUID failureId, String signature)
        implements AgentEvent {

    /**
     * The stored failure, as {@code memory} keeps it (secrets redacted).
     *
     * @param memory the memory the run stored it in, never null
     * @return the failure; empty when that memory does not keep failures ({@link FailureMemory#none()}) or no
     *     longer has this one, or has not written it yet (a write waiting in a spool)
     * @throws dev.agentloop.core.spi.MemoryException when the memory cannot be read
     */
    public Optional<FailureRecord> failure(FailureMemory memory) {
        Objects.requireNonNull(memory, "memory");
        return memory.task(taskId)
                .flatMap(detail -> detail.failures().stream()
                        .filter(f -> f.id().equals(failureId))
                        .findFirst());
    }
}
