package dev.agentloop.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The cross-task memory of failures and the fixes that resolved them, plus task history.
 *
 * <p>Writes never lose data: an implementation backed by a database retries, then spools to disk and replays
 * later. Ids are chosen by the caller, so a replayed write is stored exactly once. Secrets are redacted before
 * anything is stored or embedded. Implementations: {@code PgVectorFailureMemory}, {@code InMemoryFailureMemory},
 * and {@link #none()}.
 */
public interface FailureMemory extends AutoCloseable {

    /**
     * A task started.
     *
     * @param task the task, with its id chosen by the loop
     */
    void recordTask(TaskRecord task);

    /**
     * An iteration finished (with its metrics and the diff it applied).
     *
     * @param iteration the iteration
     */
    void recordIteration(IterationRecord iteration);

    /**
     * A task ended.
     *
     * @param completion how the task ended
     */
    void completeTask(TaskCompletion completion);

    /**
     * A failure happened; it becomes searchable by {@link #findSimilar}.
     *
     * @param failure the failure, with its id chosen by the loop
     */
    void recordFailure(FailureRecord failure);

    /**
     * A later iteration passed: its diff since the failure is the failure's fix.
     *
     * @param fix the fix and the failure it resolved
     */
    void recordFix(FixRecord fix);

    /**
     * These past failures were handed to a run (for usefulness statistics and {@code agent show}).
     *
     * @param retrieval the failures handed to the run
     */
    void recordRetrieval(RetrievalRecord retrieval);

    /**
     * An approval was asked and answered.
     *
     * @param taskId the task it was asked in
     * @param approval the request and the decision
     */
    void recordApproval(UUID taskId, ApprovalRecord approval);

    /**
     * A solved task's approach, for PLAN of later tasks.
     *
     * @param pattern the pattern
     */
    void recordPattern(SuccessPattern pattern);

    /**
     * The past failures most similar to the query's probe, best first; among near-equal candidates verified, useful
     * fixes come first.
     *
     * @param query the failure to match and the filters
     * @return the matches, best first; empty when none reaches the query's least similarity
     * @throws MemoryException when the memory cannot be read
     */
    List<FailureMatch> findSimilar(FailureQuery query);

    /**
     * Success patterns whose task text is closest to {@code taskText}, best first.
     *
     * @param taskText the new task's text
     * @param limit how many patterns at most
     * @return the patterns, best first
     */
    List<PatternMatch> findPatterns(String taskText, int limit);

    /**
     * {@return a page of tasks, newest first}
     *
     * @param query the page wanted: size, offset, filters
     */
    List<TaskSummary> history(HistoryQuery query);

    /**
     * {@return one task with its iterations, failures, fixes, retrievals and approvals}
     *
     * @param idOrPrefix a full task id or a unique prefix of at least 4 characters
     * @throws IllegalArgumentException when the prefix matches several tasks (the message lists them)
     */
    Optional<TaskDetail> task(String idOrPrefix);

    /**
     * One task by its id, as {@link #task(String)} with the full id.
     *
     * @param id the task's id, never null
     * @return the task, or empty when the memory has no such task
     */
    default Optional<TaskDetail> task(UUID id) {
        return task(java.util.Objects.requireNonNull(id, "id").toString());
    }

    /** Flushes pending writes and releases connections. Idempotent. */
    @Override
    default void close() {}

    /** {@return a memory that stores nothing and finds nothing} */
    static FailureMemory none() {
        return NoFailureMemory.INSTANCE;
    }
}
