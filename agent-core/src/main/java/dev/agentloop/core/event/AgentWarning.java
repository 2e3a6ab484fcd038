package dev.agentloop.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Something a person should know that does not stop the run: the sandbox isolates less than Docker, the memory
 * is spooling to disk, assumptions were made for open questions.
 */
public record AgentWarning(UUID taskId, int iteration, Instant at, String source, String message)
        implements AgentEvent {}
