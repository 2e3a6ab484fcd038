package dev.agentloop.core.event;

import java.time.Instant;
import java.util.UUID;

/** An execution hook refused a command; it never ran. */
public record CommandBlocked(UUID taskId, int iteration, Instant at, String command, String rule)
        implements AgentEvent {}
