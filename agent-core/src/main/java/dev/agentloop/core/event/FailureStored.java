package dev.agentloop.core.event;

import java.time.Instant;
import java.util.UUID;

/** A failure was recorded in the failure memory under its signature. */
public record FailureStored(UUID taskId, int iteration, Instant at, UUID failureId, String signature)
        implements AgentEvent {}
