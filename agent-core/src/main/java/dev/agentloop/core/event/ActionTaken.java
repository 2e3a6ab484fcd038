package dev.agentloop.core.event;

import dev.agentloop.core.Role;
import java.time.Instant;
import java.util.UUID;

/**
 * A model acted before it answered: read, searched, ran a command or edited.
 *
 * @param role the role that acted (the Coder or the Reflector)
 * @param kind what it did
 * @param subject what it acted on, one line: the path, the pattern, the command
 * @param outcome how it ended
 * @param detail one line on the result: "42 lines", "exit 1", the refusal's reason
 */
public record ActionTaken(
        UUID taskId,
        int iteration,
        Instant at,
        Role role,
        ActionKind kind,
        String subject,
        ActionOutcome outcome,
        String detail)
        implements AgentEvent {}
