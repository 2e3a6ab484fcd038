package dev.agentloop.core.event;

import dev.agentloop.core.AgentResult;
import java.time.Instant;
import java.util.UUID;

/** The run ended; the last event of every run. */
public record RunFinished(UUID taskId, int iteration, Instant at, AgentResult result) implements AgentEvent {}
