package dev.agentloop.core.event;

import dev.agentloop.core.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A role's model call finished (successfully or not). Tokens as reported by the model, or estimated. */
public record ModelCalled(
        UUID taskId,
        int iteration,
        Instant at,
        Role role,
        String model,
        long inputTokens,
        long outputTokens,
        Duration duration,
        boolean succeeded)
        implements AgentEvent {}
