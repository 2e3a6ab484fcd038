package dev.agentloop.core.event;

import dev.agentloop.core.Checkpoint;
import java.time.Instant;
import java.util.UUID;

/**
 * An iteration ended without passing tests and the run can be resumed from here: a listener that keeps the
 * checkpoint (the task service does, in its database) lets another process go on with
 * {@link dev.agentloop.core.Agent#resume}. Carries the workspace's files: listeners that show or stream events
 * should leave it out.
 *
 * @param checkpoint the run as it stands after {@code iteration}
 */
public record Checkpointed(UUID taskId, int iteration, Instant at, Checkpoint checkpoint) implements AgentEvent {}
