package dev.agentloop.server;

import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Meters for the parts a host hands to its agents: the memory's retrieval latency
 * ({@code agentloop_memory_retrieval_seconds}) and the sandbox's open latency ({@code agentloop_sandbox_open_seconds}).
 * The wrappers only time and delegate; closing them closes nothing (the host closes what it opened).
 */
public final class Instruments {

    private Instruments() {}

    /**
     * {@return the memory, with {@code findSimilar} and {@code findPatterns} timed}
     *
     * @param memory the memory to time
     * @param registry where the timers are registered
     */
    public static FailureMemory metered(FailureMemory memory, MeterRegistry registry) {
        return new MeteredMemory(memory, registry);
    }

    /**
     * {@return the sandbox, with {@code open} timed}
     *
     * @param sandbox the sandbox to time
     * @param registry where the timers are registered
     */
    public static Sandbox metered(Sandbox sandbox, MeterRegistry registry) {
        Objects.requireNonNull(sandbox, "sandbox");
        Timer open = Timer.builder("agentloop.sandbox.open")
                .description("Time to open a run's sandbox session (start its container)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(Objects.requireNonNull(registry, "registry"));
        return new Sandbox() {
            @Override
            public SandboxSession open(SandboxSpec spec) {
                return open.record(() -> sandbox.open(spec));
            }

            @Override
            public String describe() {
                return sandbox.describe();
            }
        };
    }

    private static final class MeteredMemory implements FailureMemory {
        private final FailureMemory memory;
        private final Timer similar;
        private final Timer patterns;

        MeteredMemory(FailureMemory memory, MeterRegistry registry) {
            this.memory = Objects.requireNonNull(memory, "memory");
            this.similar = timer(registry, "similar_failures");
            this.patterns = timer(registry, "success_patterns");
        }

        private static Timer timer(MeterRegistry registry, String kind) {
            return Timer.builder("agentloop.memory.retrieval")
                    .description("Time to retrieve from the failure memory, by kind")
                    .tag("kind", kind)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(Objects.requireNonNull(registry, "registry"));
        }

        @Override
        public List<FailureMatch> findSimilar(FailureQuery query) {
            return similar.record(() -> memory.findSimilar(query));
        }

        @Override
        public List<PatternMatch> findPatterns(String taskText, int limit) {
            return patterns.record(() -> memory.findPatterns(taskText, limit));
        }

        @Override
        public void recordTask(TaskRecord task) {
            memory.recordTask(task);
        }

        @Override
        public void recordIteration(IterationRecord iteration) {
            memory.recordIteration(iteration);
        }

        @Override
        public void completeTask(TaskCompletion completion) {
            memory.completeTask(completion);
        }

        @Override
        public void recordFailure(FailureRecord failure) {
            memory.recordFailure(failure);
        }

        @Override
        public void recordFix(FixRecord fix) {
            memory.recordFix(fix);
        }

        @Override
        public void recordRetrieval(RetrievalRecord retrieval) {
            memory.recordRetrieval(retrieval);
        }

        @Override
        public void recordApproval(UUID taskId, ApprovalRecord approval) {
            memory.recordApproval(taskId, approval);
        }

        @Override
        public void recordPattern(SuccessPattern pattern) {
            memory.recordPattern(pattern);
        }

        @Override
        public List<TaskSummary> history(HistoryQuery query) {
            return memory.history(query);
        }

        @Override
        public Optional<TaskDetail> task(String idOrPrefix) {
            return memory.task(idOrPrefix);
        }

        @Override
        public Optional<TaskDetail> task(UUID id) {
            return memory.task(id);
        }
    }
}
