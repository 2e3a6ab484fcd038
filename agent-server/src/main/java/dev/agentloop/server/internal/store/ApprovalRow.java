package dev.agentloop.server.internal.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A question a run waits on, or waited on.
 *
 * @param taskId the queued task that asks; empty for a question from outside the queue (a supervised merge)
 * @param kind the approval kind's id, e.g. {@code risky_command}
 * @param status pending, approved, denied or expired
 */
public record ApprovalRow(
        UUID id,
        Optional<UUID> taskId,
        String kind,
        String subject,
        String reason,
        ApprovalStatus status,
        Instant requestedAt,
        Optional<Instant> decidedAt,
        Optional<String> decidedBy,
        Optional<String> note) {}
