package dev.agentloop.core.internal.loop;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.Task;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.internal.breaker.CircuitBreaker;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of one run shares: the task and its config, the clock and when the run started, where the run is,
 * its breaker, and where events and records go. Built once per run by {@link AgentLoop}.
 */
record RunContext(
        Task task,
        AgentConfig config,
        Clock clock,
        Instant start,
        RunState state,
        Events events,
        SafeMemory memory,
        CircuitBreaker breaker) {

    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    UUID taskId() {
        return task.id();
    }

    int iteration() {
        return state.iteration();
    }

    Instant now() {
        return clock.instant();
    }

    /** Something went wrong that the run survives: logged and published, with where it came from. */
    void warn(String source, String message) {
        LOG.warn("{}: {}", source, message);
        events.publish(new AgentWarning(task.id(), state.iteration(), clock.instant(), source, message));
    }
}
