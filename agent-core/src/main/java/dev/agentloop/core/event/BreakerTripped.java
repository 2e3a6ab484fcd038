package dev.agentloop.core.event;

import dev.agentloop.core.StopReason;
import java.time.Instant;
import java.util.UUID;

/** The breaker stopped the run. */
public record BreakerTripped(UUID taskId, int iteration, Instant at, StopReason reason, String detail)
        implements AgentEvent {}
