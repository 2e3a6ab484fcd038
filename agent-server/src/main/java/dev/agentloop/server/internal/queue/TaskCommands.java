package dev.agentloop.server.internal.queue;

import dev.agentloop.server.TaskSubmission;
import dev.agentloop.server.internal.json.SubmissionCodec;
import dev.agentloop.server.internal.store.AuditLog;
import dev.agentloop.server.internal.store.CancelResult;
import dev.agentloop.server.internal.store.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Submitting and cancelling a task, the same way for the API and for callers sharing the database (a watcher
 * submitting GitHub issues): the task's row, then its queue entry, and an audit entry naming who did it.
 */
public final class TaskCommands {

    private final TaskStore tasks;
    private final TaskQueue queue;
    private final AuditLog audit;
    private final SubmissionCodec codec;
    private final Clock clock;

    public TaskCommands(TaskStore tasks, TaskQueue queue, AuditLog audit, SubmissionCodec codec, Clock clock) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores a checked submission as a queued task and puts it in the queue.
     *
     * @param actor who submits: an API token's name, or the submitting program
     * @return the new task's id
     */
    public UUID submit(TaskSubmission submission, String actor) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String title = submission.task(id).title();
        tasks.insert(id, title, submission.language().id(), codec.write(submission), actor, now);
        // a crash between the two writes leaves a queued task without a job: the housekeeping schedules it again
        queue.enqueue(id);
        audit.record(actor, AuditLog.Action.SUBMIT, id, title, now);
        return id;
    }

    /**
     * Cancels a queued task at once (and takes it out of the queue), or asks a running task's worker to stop it
     * (within a moment). Recorded in the audit log unless the task is unknown or had ended.
     *
     * @param actor who cancels
     * @return what happened
     */
    public CancelResult cancel(UUID id, String actor) {
        CancelResult result = tasks.requestCancel(id, clock.instant());
        switch (result) {
            case NOT_FOUND, ALREADY_FINISHED -> {
                return result;
            }
            case CANCELLED -> queue.dequeue(id);
            case REQUESTED -> {
                // its worker sees the request within a moment and stops the run
            }
        }
        audit.record(
                actor, AuditLog.Action.CANCEL, id, result.name().toLowerCase(java.util.Locale.ROOT), clock.instant());
        return result;
    }
}
