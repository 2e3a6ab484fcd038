package dev.agentloop.cli.support;

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
import dev.agentloop.core.spi.SuccessPattern;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A small in-test FailureMemory: keeps tasks, iterations, failures and fixes in maps; similarity is fixed. */
public final class FakeMemory implements FailureMemory {

    private final Map<UUID, TaskRecord> tasks = new ConcurrentHashMap<>();
    private final Map<UUID, TaskCompletion> completions = new ConcurrentHashMap<>();
    private final List<IterationRecord> iterations = new ArrayList<>();
    private final List<FailureRecord> failures = new ArrayList<>();
    private final List<FixRecord> fixes = new ArrayList<>();
    private final List<RetrievalRecord> retrievals = new ArrayList<>();
    private final List<ApprovalRecord> approvals = new ArrayList<>();
    private final Map<UUID, UUID> approvalTask = new ConcurrentHashMap<>();
    public volatile int closed;

    @Override
    public void recordTask(TaskRecord task) {
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized void recordIteration(IterationRecord iteration) {
        iterations.add(iteration);
    }

    @Override
    public void completeTask(TaskCompletion completion) {
        completions.put(completion.taskId(), completion);
    }

    @Override
    public synchronized void recordFailure(FailureRecord failure) {
        failures.add(failure);
    }

    @Override
    public synchronized void recordFix(FixRecord fix) {
        fixes.add(fix);
    }

    @Override
    public synchronized void recordRetrieval(RetrievalRecord retrieval) {
        retrievals.add(retrieval);
    }

    @Override
    public synchronized void recordApproval(UUID taskId, ApprovalRecord approval) {
        approvals.add(approval);
        approvalTask.put(approval.request().taskId(), taskId);
    }

    @Override
    public void recordPattern(SuccessPattern pattern) {}

    @Override
    public synchronized List<FailureMatch> findSimilar(FailureQuery query) {
        return failures.stream()
                .limit(query.limit())
                .map(f -> new FailureMatch(
                        f,
                        fixes.stream().filter(x -> x.failureId().equals(f.id())).findFirst(),
                        0.9,
                        null))
                .toList();
    }

    @Override
    public List<PatternMatch> findPatterns(String taskText, int limit) {
        return List.of();
    }

    @Override
    public synchronized List<TaskSummary> history(HistoryQuery query) {
        return tasks.values().stream()
                .sorted(Comparator.comparing(TaskRecord::startedAt).reversed())
                .map(this::summary)
                .filter(s -> query.status().map(st -> st == s.status()).orElse(true))
                .skip(query.offset())
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized Optional<TaskDetail> task(String idOrPrefix) {
        List<TaskRecord> found = tasks.values().stream()
                .filter(t -> t.id().toString().startsWith(idOrPrefix))
                .toList();
        if (found.size() > 1) {
            throw new IllegalArgumentException(
                    "The id prefix '" + idOrPrefix + "' matches " + found.size() + " tasks; give more characters.");
        }
        return found.stream()
                .findFirst()
                .map(t -> new TaskDetail(
                        summary(t),
                        iterations.stream()
                                .filter(i -> i.taskId().equals(t.id()))
                                .toList(),
                        failures.stream().filter(f -> f.taskId().equals(t.id())).toList(),
                        fixes.stream().filter(f -> f.taskId().equals(t.id())).toList(),
                        retrievals.stream()
                                .filter(r -> r.taskId().equals(t.id()))
                                .toList(),
                        approvals.stream()
                                .filter(a -> a.request().taskId().equals(t.id()))
                                .toList()));
    }

    private TaskSummary summary(TaskRecord t) {
        Optional<TaskCompletion> c = Optional.ofNullable(completions.get(t.id()));
        int its =
                (int) iterations.stream().filter(i -> i.taskId().equals(t.id())).count();
        int hits = retrievals.stream()
                .filter(r -> r.taskId().equals(t.id()))
                .mapToInt(r -> r.hits().size())
                .sum();
        return new TaskSummary(t, c.map(TaskCompletion::status).orElse(TaskStatus.RUNNING), c, its, hits);
    }

    @Override
    public void close() {
        closed++;
    }
}
