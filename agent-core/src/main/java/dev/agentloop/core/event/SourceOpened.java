package dev.agentloop.core.event;

import dev.agentloop.core.source.RepositoryInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * A run on an existing project made its private copy.
 *
 * @param repository what the copy was made from
 * @param copy where the copy is
 * @param testCommand the test command that judges the run, and where it came from
 */
public record SourceOpened(
        UUID taskId, int iteration, Instant at, RepositoryInfo repository, Path copy, String testCommand)
        implements AgentEvent {}
