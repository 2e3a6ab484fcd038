package dev.agentloop.core.event;

import java.time.Instant;
import java.util.UUID;

/** The diff since a failure was recorded as that failure's fix, because this iteration passed. */
public record FixLinked(UUID taskId, int iteration, Instant at, UUID failureId, int diffLines) implements AgentEvent {}
