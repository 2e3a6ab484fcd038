package dev.agentloop.core.event;

import dev.agentloop.core.Language;
import java.time.Instant;
import java.util.UUID;

/** A run began. */
public record RunStarted(UUID taskId, int iteration, Instant at, String task, Language language, int maxIterations)
        implements AgentEvent {}
