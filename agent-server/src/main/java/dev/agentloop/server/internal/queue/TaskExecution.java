package dev.agentloop.server.internal.queue;

import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.AgentRun;
import dev.agentloop.core.Checkpoint;
import dev.agentloop.core.Task;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.server.ServerConfig;
import dev.agentloop.server.TaskState;
import dev.agentloop.server.TaskSubmission;
import dev.agentloop.server.internal.json.CheckpointJson;
import dev.agentloop.server.internal.json.EventJson;
import dev.agentloop.server.internal.json.SubmissionCodec;
import dev.agentloop.server.internal.metrics.ServerMetrics;
import dev.agentloop.server.internal.store.ApprovalStore;
import dev.agentloop.server.internal.store.CheckpointStore;
import dev.agentloop.server.internal.store.Claim;
import dev.agentloop.server.internal.store.EventStore;
import dev.agentloop.server.internal.store.TaskOutcome;
import dev.agentloop.server.internal.store.TaskRow;
import dev.agentloop.server.internal.store.TaskStore;
import dev.agentloop.server.spi.AgentRequest;
import dev.agentloop.server.spi.TaskAgents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one task for the queue: claims it (a new attempt), builds its agent, runs it while {@link LocalRuns} watches
 * for cancels and takeovers, and ends the task with the run's outcome, once. A task already ended or cancelled is
 * left alone; a task over the daily cost cap goes back to the queue for the next day.
 */
final class TaskExecution {

    private static final Logger LOG = LoggerFactory.getLogger(TaskExecution.class);

    /** What a run needs from the server. */
    record Parts(
            TaskStore tasks,
            EventStore events,
            ApprovalStore approvals,
            EventJson json,
            SubmissionCodec codec,
            TaskAgents agents,
            RepoSources sources,
            CheckpointStore checkpoints,
            LocalRuns runs,
            LiveEvents live,
            ServerMetrics metrics,
            ServerConfig config,
            Clock clock) {}

    private final Parts p;
    private final CheckpointJson checkpointJson = new CheckpointJson();
    private final ResumePoints resumePoints;

    TaskExecution(Parts parts) {
        this.p = parts;
        this.resumePoints = new ResumePoints(parts.checkpoints(), checkpointJson, parts.clock());
    }

    /**
     * @throws RescheduleException when the task must go back to the queue (closing, or over the cost cap)
     */
    void execute(UUID taskId) {
        MDC.put("taskId", taskId.toString());
        try {
            Optional<TaskRow> row = p.tasks().find(taskId);
            if (row.isEmpty() || row.get().status().isTerminal()) {
                return;
            }
            if (row.get().cancelRequested()) {
                // cancelled while its previous worker was dying: it ends here, without a run
                p.tasks()
                        .finishUnrun(
                                taskId,
                                TaskOutcome.withoutRun(TaskState.CANCELLED, "cancelled", "cancelled through the API"),
                                p.clock().instant());
                return;
            }
            checkCostCap(taskId);
            Optional<Claim> claim =
                    p.tasks().claim(taskId, p.config().workerName(), p.clock().instant());
            if (claim.isEmpty()) {
                return;
            }
            run(row.get(), claim.get().attempt());
        } finally {
            MDC.remove("taskId");
        }
    }

    private void checkCostCap(UUID taskId) {
        if (p.config().dailyCostCap().isEmpty()) {
            return;
        }
        Instant now = p.clock().instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        double spent = p.tasks().spentSince(today.atStartOfDay(ZoneOffset.UTC).toInstant());
        double cap = p.config().dailyCostCap().get();
        if (spent >= cap) {
            Instant tomorrow = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            LOG.info("Task {} waits for {}: today's spend {} reached the daily cap {}", taskId, tomorrow, spent, cap);
            throw new RescheduleException("the daily cost cap is reached", tomorrow);
        }
    }

    private void run(TaskRow row, int attempt) {
        UUID taskId = row.id();
        Instant started = p.clock().instant();
        TaskSubmission submission = p.codec().read(row.submission());
        LOG.info("Task {} attempt {} starts on {}", taskId, attempt, p.config().workerName());
        EventRecorder recorder =
                new EventRecorder(p.events(), p.json(), p.live(), taskId, attempt, p.checkpoints(), checkpointJson);
        QueuedApprovals approvals = new QueuedApprovals(
                p.approvals(),
                submission.mode(),
                p.config().approvalTimeout(),
                p.config().watchInterval(),
                p.clock());
        TaskOutcome outcome;
        LocalRuns.Local local = null;
        try {
            Task task = submission.task(taskId);
            if (submission.repo().isPresent()) {
                task = task.withProject(RepoSources.name(submission.repo().get()))
                        .withSource(p.sources().open(submission.repo().get(), submission.base()));
            }
            // the metrics need the agent's prices: their listener is set once the agent exists, before it runs
            java.util.concurrent.atomic.AtomicReference<AgentListener> metrics =
                    new java.util.concurrent.atomic.AtomicReference<>(AgentListener.NONE);
            AgentListener listener = event -> {
                recorder.onEvent(event);
                metrics.get().onEvent(event);
            };
            Optional<Checkpoint> resumeFrom = resumePoints.forAttempt(taskId, attempt, submission, recorder);
            Agent agent = p.agents().agentFor(new AgentRequest(taskId, attempt, submission, listener, approvals));
            AgentResult result;
            try {
                metrics.set(p.metrics().listener(agent.config()));
                AgentRun run = resumeFrom.isPresent() ? agent.resume(task, resumeFrom.get()) : agent.start(task);
                local = p.runs().add(taskId, attempt, run);
                result = run.await();
            } finally {
                closeQuietly(agent, taskId, attempt);
            }
            if (local.released) {
                p.tasks().release(taskId, attempt, p.clock().instant());
                throw new RescheduleException(
                        "this worker is closing", p.clock().instant());
            }
            if (local.abandoned) {
                LOG.warn(
                        "Task {} attempt {} was taken over by another worker; its result here is dropped",
                        taskId,
                        attempt);
                return;
            }
            outcome = RunOutcomes.of(result, p.json());
        } catch (RescheduleException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Task {} attempt {} could not run: {}", taskId, attempt, e.toString(), e);
            outcome = TaskOutcome.withoutRun(TaskState.FAILED, "error", p.json().redact(oneLine(e.getMessage(), e)));
        } finally {
            if (local != null) {
                p.runs().remove(local);
            }
        }
        Instant now = p.clock().instant();
        if (p.tasks().finish(taskId, attempt, outcome, now)) {
            p.checkpoints().delete(taskId);
            p.approvals().expireAll(taskId, now);
            p.metrics().finished(outcome.state(), Duration.between(started, now), outcome.iterations());
            LOG.info(
                    "Task {} attempt {} ended: {}",
                    taskId,
                    attempt,
                    outcome.state().id());
        } else {
            LOG.warn(
                    "Task {} attempt {} ended as {}, but the task had moved on; not recorded",
                    taskId,
                    attempt,
                    outcome.state().id());
        }
        p.live().wake(taskId);
    }

    /** The attempt's agent is done with: its temporary workspace root (if it made one) goes now, not at exit. */
    private static void closeQuietly(Agent agent, UUID taskId, int attempt) {
        try {
            agent.close();
        } catch (RuntimeException e) {
            LOG.warn(
                    "Task {} attempt {}: the agent's workspace could not be removed: {}",
                    taskId,
                    attempt,
                    e.toString());
        }
    }

    private static String oneLine(String message, RuntimeException e) {
        String m = message == null ? e.getClass().getSimpleName() : message;
        return m.lines().findFirst().orElse(m);
    }
}
