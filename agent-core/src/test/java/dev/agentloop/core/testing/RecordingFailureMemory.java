package dev.agentloop.core.testing;

import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.MemoryException;
import dev.agentloop.core.spi.PatternMatch;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A {@link FailureMemory} fake that records every call, answers {@code findSimilar} with what a test scripts, and
 * can be told to throw on every call (to check that a broken memory never kills a run). Thread-safe.
 */
public final class RecordingFailureMemory implements FailureMemory {

    private final List<TaskRecord> tasks = new ArrayList<>();
    private final List<IterationRecord> iterations = new ArrayList<>();
    private final List<TaskCompletion> completions = new ArrayList<>();
    private final List<FailureRecord> failures = new ArrayList<>();
    private final List<FixRecord> fixes = new ArrayList<>();
    private final List<RetrievalRecord> retrievals = new ArrayList<>();
    private final List<ApprovalRecord> approvals = new ArrayList<>();
    private final List<SuccessPattern> patterns = new ArrayList<>();
    private final List<FailureQuery> queries = new ArrayList<>();
    private Function<FailureQuery, List<FailureMatch>> similar = q -> List.of();
    private boolean broken;
    private boolean closed;

    /** Every call throws a {@link MemoryException} from now on. */
    public synchronized RecordingFailureMemory breakDown() {
        broken = true;
        return this;
    }

    /** What {@code findSimilar} answers. */
    public synchronized RecordingFailureMemory answerSimilar(Function<FailureQuery, List<FailureMatch>> answer) {
        this.similar = answer;
        return this;
    }

    private void check() {
        if (broken) {
            throw new MemoryException("database is down (fake)");
        }
    }

    @Override
    public synchronized void recordTask(TaskRecord task) {
        check();
        tasks.add(task);
    }

    @Override
    public synchronized void recordIteration(IterationRecord iteration) {
        check();
        iterations.add(iteration);
    }

    @Override
    public synchronized void completeTask(TaskCompletion completion) {
        check();
        completions.add(completion);
    }

    @Override
    public synchronized void recordFailure(FailureRecord failure) {
        check();
        failures.add(failure);
    }

    @Override
    public synchronized void recordFix(FixRecord fix) {
        check();
        fixes.add(fix);
    }

    @Override
    public synchronized void recordRetrieval(RetrievalRecord retrieval) {
        check();
        retrievals.add(retrieval);
    }

    @Override
    public synchronized void recordApproval(UUID taskId, ApprovalRecord approval) {
        check();
        approvals.add(approval);
    }

    @Override
    public synchronized void recordPattern(SuccessPattern pattern) {
        check();
        patterns.add(pattern);
    }

    @Override
    public synchronized List<FailureMatch> findSimilar(FailureQuery query) {
        check();
        queries.add(query);
        return similar.apply(query);
    }

    private List<PatternMatch> patternMatches = List.of();

    /** What {@link #findPatterns} answers, whatever the task. */
    public synchronized RecordingFailureMemory patternsFound(List<PatternMatch> matches) {
        this.patternMatches = List.copyOf(matches);
        return this;
    }

    @Override
    public synchronized List<PatternMatch> findPatterns(String taskText, int limit) {
        check();
        return patternMatches.stream().limit(limit).toList();
    }

    @Override
    public synchronized List<TaskSummary> history(HistoryQuery query) {
        check();
        return List.of();
    }

    @Override
    public synchronized Optional<TaskDetail> task(String idOrPrefix) {
        check();
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    public synchronized List<TaskRecord> tasks() {
        return List.copyOf(tasks);
    }

    public synchronized List<IterationRecord> iterations() {
        return List.copyOf(iterations);
    }

    public synchronized List<TaskCompletion> completions() {
        return List.copyOf(completions);
    }

    public synchronized List<FailureRecord> failures() {
        return List.copyOf(failures);
    }

    public synchronized List<FixRecord> fixes() {
        return List.copyOf(fixes);
    }

    public synchronized List<RetrievalRecord> retrievals() {
        return List.copyOf(retrievals);
    }

    public synchronized List<ApprovalRecord> approvals() {
        return List.copyOf(approvals);
    }

    public synchronized List<SuccessPattern> patterns() {
        return List.copyOf(patterns);
    }

    public synchronized List<FailureQuery> queries() {
        return List.copyOf(queries);
    }

    public synchronized boolean closed() {
        return closed;
    }
}
