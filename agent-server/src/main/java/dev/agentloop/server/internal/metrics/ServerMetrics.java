package dev.agentloop.server.internal.metrics;

import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.ModelPrice;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.BreakerTripped;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.ModelCalled;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.server.TaskState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The server's meters, all named {@code agentloop_*} in Prometheus' format: runs by outcome, their duration and
 * iterations; model calls, tokens and cost by role and model; memory hits; sandbox test runs; breaker trips; and, read
 * from the database at scrape time (all workers), tasks per status and the queue's depth; the tasks running here.
 */
public final class ServerMetrics {

    private final MeterRegistry registry;

    /**
     * @param counts tasks per status across all workers (cached by the caller)
     */
    public ServerMetrics(MeterRegistry registry, Supplier<Map<TaskState, Long>> counts) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (TaskState state : TaskState.values()) {
            Gauge.builder("agentloop.tasks", counts, c -> c.get().getOrDefault(state, 0L))
                    .description("Tasks per status, all workers (from the database)")
                    .tag("status", state.id())
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("agentloop.queue.depth", counts, c -> c.get().getOrDefault(TaskState.QUEUED, 0L))
                .description("Tasks waiting for a worker, all workers")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Adds the gauge of the tasks running on this process.
     *
     * @param worker this process's worker name
     */
    public void bindRunning(IntSupplier running, String worker) {
        Gauge.builder("agentloop.running.tasks", running, IntSupplier::getAsInt)
                .description("Tasks running on this worker")
                .tag("worker", worker)
                .strongReference(true)
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The listener that counts one run's events; prices come from the run's agent config. */
    public AgentListener listener(AgentConfig config) {
        return event -> onEvent(event, config);
    }

    /** A task ended on this process. */
    public void finished(TaskState state, Duration duration, int iterations) {
        Counter.builder("agentloop.tasks.finished")
                .description("Tasks that ended on this worker, by outcome")
                .tag("outcome", state.id())
                .register(registry)
                .increment();
        Timer.builder("agentloop.run.duration")
                .description("Wall-clock time of a run")
                .tag("outcome", state.id())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry)
                .record(duration);
        DistributionSummary.builder("agentloop.run.iterations")
                .description("Iterations per run")
                .serviceLevelObjectives(1, 2, 3, 5, 8, 13, 20, 30, 50)
                .register(registry)
                .record(iterations);
    }

    private void onEvent(AgentEvent event, AgentConfig config) {
        if (event instanceof ModelCalled call) {
            String role = call.role().id();
            String model = call.model();
            Counter.builder("agentloop.model.calls")
                    .description("Model calls by role, model and result")
                    .tags("role", role, "model", model, "result", call.succeeded() ? "ok" : "error")
                    .register(registry)
                    .increment();
            Counter.builder("agentloop.model.tokens")
                    .description("Model tokens by role, model and direction")
                    .tags("role", role, "model", model, "direction", "input")
                    .register(registry)
                    .increment(call.inputTokens());
            Counter.builder("agentloop.model.tokens")
                    .description("Model tokens by role, model and direction")
                    .tags("role", role, "model", model, "direction", "output")
                    .register(registry)
                    .increment(call.outputTokens());
            ModelPrice price = config.priceOf(model);
            Counter.builder("agentloop.model.cost")
                    .description("Estimated model cost by role and model, in the configured prices' currency")
                    .tags("role", role, "model", model)
                    .register(registry)
                    .increment(price.cost(call.inputTokens(), call.outputTokens()));
            Timer.builder("agentloop.model.call.duration")
                    .description("Model call latency by role")
                    .tags("role", role)
                    .register(registry)
                    .record(call.duration());
        } else if (event instanceof MemoryHit hit) {
            Counter.builder("agentloop.memory.hits")
                    .description("Similar past failures retrieved")
                    .register(registry)
                    .increment(hit.hits().size());
            DistributionSummary similarity = DistributionSummary.builder("agentloop.memory.hit.similarity")
                    .description("Similarity of retrieved past failures (0..1)")
                    .serviceLevelObjectives(0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                    .register(registry);
            hit.hits().forEach(h -> similarity.record(h.similarity()));
        } else if (event instanceof TestsRun tests) {
            Timer.builder("agentloop.sandbox.test.run")
                    .description("Test runs in the sandbox, by outcome")
                    .tag("outcome", tests.outcome().name().toLowerCase(Locale.ROOT))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry)
                    .record(tests.duration());
        } else if (event instanceof BreakerTripped trip) {
            Counter.builder("agentloop.breaker.trips")
                    .description("Circuit breaker trips by reason")
                    .tag("reason", trip.reason().name().toLowerCase(Locale.ROOT))
                    .register(registry)
                    .increment();
        }
    }
}
