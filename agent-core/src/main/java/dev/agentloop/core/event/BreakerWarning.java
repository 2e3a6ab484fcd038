package dev.agentloop.core.event;

import java.time.Instant;
import java.util.UUID;

/** The breaker's warning threshold was crossed; the model is told how many tries remain. */
public record BreakerWarning(UUID taskId, int iteration, Instant at, int iterationsRemaining, String detail)
        implements AgentEvent {}
