package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskRecord;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory as the loop uses it: a memory that throws never kills the run. Each failure is logged and published
 * as an {@link AgentWarning}; reads then return nothing.
 */
final class SafeMemory {

    private static final Logger LOG = LoggerFactory.getLogger(SafeMemory.class);

    private final FailureMemory memory;
    private final Events events;
    private final Clock clock;
    private final UUID taskId;
    private final IntSupplier iteration;

    SafeMemory(FailureMemory memory, Events events, Clock clock, UUID taskId, IntSupplier iteration) {
        this.memory = memory;
        this.events = events;
        this.clock = clock;
        this.taskId = taskId;
        this.iteration = iteration;
    }

    void recordTask(TaskRecord task) {
        write("record the task", () -> memory.recordTask(task));
    }

    void recordIteration(IterationRecord record) {
        write("record iteration " + record.number(), () -> memory.recordIteration(record));
    }

    void completeTask(TaskCompletion completion) {
        write("record how the task ended", () -> memory.completeTask(completion));
    }

    boolean recordFailure(FailureRecord failure) {
        return write("store the failure", () -> memory.recordFailure(failure));
    }

    boolean recordFix(FixRecord fix) {
        return write("link the fix", () -> memory.recordFix(fix));
    }

    void recordRetrieval(RetrievalRecord retrieval) {
        write("record the retrieval", () -> memory.recordRetrieval(retrieval));
    }

    void recordApproval(ApprovalRecord approval) {
        write("record the approval", () -> memory.recordApproval(taskId, approval));
    }

    void recordPattern(SuccessPattern pattern) {
        write("record the success pattern", () -> memory.recordPattern(pattern));
    }

    List<FailureMatch> findSimilar(FailureQuery query) {
        return read("find similar failures", () -> memory.findSimilar(query));
    }

    List<PatternMatch> findPatterns(String text, int limit) {
        return read("find success patterns", () -> memory.findPatterns(text, limit));
    }

    private boolean write(String what, Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            warn(what, e);
            return false;
        }
    }

    private <T> List<T> read(String what, Supplier<List<T>> call) {
        try {
            List<T> result = call.get();
            return result == null ? List.of() : result;
        } catch (RuntimeException e) {
            warn(what, e);
            return List.of();
        }
    }

    private void warn(String what, RuntimeException e) {
        LOG.warn("The failure memory could not {}; the run goes on without it: {}", what, e.toString());
        events.publish(new AgentWarning(
                taskId,
                iteration.getAsInt(),
                clock.instant(),
                "memory",
                "The failure memory could not " + what + " (" + e.getMessage() + "); the run goes on."));
    }
}
