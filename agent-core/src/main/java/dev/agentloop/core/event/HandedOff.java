package dev.agentloop.core.event;

import dev.agentloop.core.source.Handoff;
import java.time.Instant;
import java.util.UUID;

/** A solved run on an existing project handed back its branch and patch. */
public record HandedOff(UUID taskId, int iteration, Instant at, Handoff handoff) implements AgentEvent {}
