package dev.agentloop.server.internal.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A run's event as stored.
 *
 * @param seq its number within the task, from 1: the live stream's event id
 * @param attempt the attempt that emitted it
 * @param type the event's type, e.g. {@code PhaseEntered}
 * @param json the event as JSON (secrets redacted)
 */
public record StoredEvent(UUID taskId, long seq, int attempt, String type, Instant at, String json) {}
