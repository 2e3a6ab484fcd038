package dev.agentloop.core.event;

import dev.agentloop.core.spi.TestOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The tests ran in the sandbox. */
public record TestsRun(
        UUID taskId,
        int iteration,
        Instant at,
        TestOutcome outcome,
        long passed,
        long failed,
        long errored,
        Duration duration,
        String detail)
        implements AgentEvent {}
