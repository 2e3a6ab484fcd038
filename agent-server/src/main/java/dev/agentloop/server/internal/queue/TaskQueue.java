package dev.agentloop.server.internal.queue;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.agentloop.server.ServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue on db-scheduler: each task is one execution of the one-time job {@value #JOB}, its instance id the
 * task's id. db-scheduler picks an execution for one worker at a time (an optimistic lock on the row), keeps a
 * heartbeat while it runs, and revives it when the heartbeats stop (the worker died): another worker then picks
 * it. With no workers, only the client side is used (an API-only server).
 */
public final class TaskQueue implements AutoCloseable {

    /** The job's name in db-scheduler's table. */
    public static final String JOB = "agentloop-task";

    private static final Logger LOG = LoggerFactory.getLogger(TaskQueue.class);

    private final CustomTask<Void> job;
    private final SchedulerClient client;
    private final Scheduler scheduler;
    private final Clock clock;

    /**
     * @param table db-scheduler's table, schema-qualified
     * @param runner runs one task; may throw {@link RescheduleException} to put it back for later
     */
    public TaskQueue(DataSource dataSource, String table, ServerConfig config, Clock clock, Consumer<UUID> runner) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.job = Tasks.custom(JOB, Void.class)
                .onFailure((complete, ops) -> {
                    Throwable cause = complete.getCause().orElse(null);
                    java.time.Instant when = cause instanceof RescheduleException r
                            ? r.when()
                            : clock.instant().plusSeconds(10);
                    if (!(cause instanceof RescheduleException)) {
                        LOG.warn(
                                "Task {} hit an error outside its run; it goes back to the queue",
                                complete.getExecution().taskInstance.getId(),
                                cause);
                    }
                    ops.reschedule(complete, when);
                })
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    try {
                        runner.accept(UUID.fromString(instance.getId()));
                        return new CompletionHandler.OnCompleteRemove<>();
                    } catch (RescheduleException e) {
                        // an expected outcome (closing, the cost cap), not a failure for db-scheduler to log
                        LOG.debug(
                                "Task {} goes back to the queue until {}: {}",
                                instance.getId(),
                                e.when(),
                                e.getMessage());
                        return (complete, ops) -> ops.reschedule(complete, e.when());
                    }
                });
        if (config.workers() > 0) {
            this.scheduler = Scheduler.create(dataSource, job)
                    .tableName(table)
                    .threads(config.workers())
                    .schedulerName(new SchedulerName.Fixed(config.workerName()))
                    .pollingInterval(config.pollingInterval())
                    .heartbeatInterval(config.heartbeat())
                    .missedHeartbeatsLimit(config.missedHeartbeats())
                    .pollUsingLockAndFetch(0.5, 1.0)
                    .enableImmediateExecution()
                    .shutdownMaxWait(Duration.ofSeconds(30))
                    .deleteUnresolvedAfter(Duration.ofDays(1))
                    .build();
            this.client = scheduler;
        } else {
            this.scheduler = null;
            this.client = SchedulerClient.Builder.create(dataSource, job)
                    .tableName(table)
                    .build();
        }
    }

    /** Starts taking jobs (nothing with no workers). */
    public void start() {
        if (scheduler != null) {
            scheduler.start();
        }
    }

    /** Puts a task in the queue, now; nothing when it is there already. */
    public void enqueue(UUID taskId) {
        client.scheduleIfNotExists(job.instance(taskId.toString()), clock.instant());
    }

    /** Takes a waiting task out of the queue; nothing when a worker has it or it is gone. */
    public void dequeue(UUID taskId) {
        try {
            client.cancel(TaskInstanceId.of(JOB, taskId.toString()));
        } catch (TaskInstanceException e) {
            LOG.debug("Task {} left in the queue: {}", taskId, e.getMessage());
        }
    }

    /** Whether this process runs tasks. */
    public boolean hasWorkers() {
        return scheduler != null;
    }

    /** Stops taking jobs and waits for the running ones to end (they are released first by the caller). */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
