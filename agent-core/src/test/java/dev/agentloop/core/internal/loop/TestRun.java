package dev.agentloop.core.internal.loop;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.Task;
import dev.agentloop.core.internal.breaker.CircuitBreaker;
import dev.agentloop.core.testing.MutableClock;
import dev.agentloop.core.testing.RecordingFailureMemory;
import dev.agentloop.core.testing.RecordingListener;

/** A run's shared context over fakes, for testing the loop's parts one at a time. */
final class TestRun {

    final Task task = Task.of("add two numbers");
    final MutableClock clock = MutableClock.atEpoch();
    final RecordingFailureMemory memory = new RecordingFailureMemory();
    final RecordingListener events = new RecordingListener();
    final RunContext context;

    TestRun() {
        this(AgentConfig.ofDefaults());
    }

    TestRun(AgentConfig config) {
        RunState state = new RunState(clock);
        Events publisher = new Events(events);
        SafeMemory safeMemory = new SafeMemory(memory, publisher, clock, task.id(), state::iteration);
        CircuitBreaker breaker = new CircuitBreaker(config.breaker(), clock, clock.instant(), () -> false);
        context = new RunContext(task, config, clock, clock.instant(), state, publisher, safeMemory, breaker);
    }

    RunState state() {
        return context.state();
    }
}
