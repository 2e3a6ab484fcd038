package dev.agentloop.core.event;

import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalRequest;
import java.time.Instant;
import java.util.UUID;

/** An approval was asked for and answered. */
public record ApprovalDecided(
        UUID taskId, int iteration, Instant at, ApprovalRequest request, ApprovalDecision decision)
        implements AgentEvent {}
