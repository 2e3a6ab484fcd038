package dev.agentloop.core.event;

import dev.agentloop.core.Phase;
import java.time.Instant;
import java.util.UUID;

/** The loop moved to a phase. Published after the state changed. */
public record PhaseEntered(UUID taskId, int iteration, Instant at, Phase phase) implements AgentEvent {}
