package dev.agentloop.server.internal.store;

import dev.agentloop.server.TaskState;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One task as stored.
 *
 * @param submission the validated submission as JSON
 * @param reason why it stopped (a stop reason's id) or failed; empty while not terminal
 * @param result the files, or the branch and patch, of a solved task as JSON; empty otherwise
 */
public record TaskRow(
        UUID id,
        TaskState status,
        String title,
        String language,
        String submission,
        String submittedBy,
        Instant submittedAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> worker,
        int attempt,
        boolean cancelRequested,
        int iterations,
        long tokens,
        double cost,
        Optional<String> reason,
        Optional<String> detail,
        Optional<String> result) {}
