package dev.agentloop.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link FailureMemory#none()}: stores nothing, finds nothing. */
enum NoFailureMemory implements FailureMemory {
    INSTANCE;

    @Override
    public void recordTask(TaskRecord task) {}

    @Override
    public void recordIteration(IterationRecord iteration) {}

    @Override
    public void completeTask(TaskCompletion completion) {}

    @Override
    public void recordFailure(FailureRecord failure) {}

    @Override
    public void recordFix(FixRecord fix) {}

    @Override
    public void recordRetrieval(RetrievalRecord retrieval) {}

    @Override
    public void recordApproval(UUID taskId, ApprovalRecord approval) {}

    @Override
    public void recordPattern(SuccessPattern pattern) {}

    @Override
    public List<FailureMatch> findSimilar(FailureQuery query) {
        return List.of();
    }

    @Override
    public List<PatternMatch> findPatterns(String taskText, int limit) {
        return List.of();
    }

    @Override
    public List<TaskSummary> history(HistoryQuery query) {
        return List.of();
    }

    @Override
    public Optional<TaskDetail> task(String idOrPrefix) {
        return Optional.empty();
    }
}
