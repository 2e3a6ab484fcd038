package dev.agentloop.server.internal.queue;

import dev.agentloop.server.ServerConfig;
import dev.agentloop.server.internal.json.EventJson;
import dev.agentloop.server.internal.json.SubmissionCodec;
import dev.agentloop.server.internal.metrics.ServerMetrics;
import dev.agentloop.server.internal.store.ApprovalStore;
import dev.agentloop.server.internal.store.CheckpointStore;
import dev.agentloop.server.internal.store.Db;
import dev.agentloop.server.internal.store.EventStore;
import dev.agentloop.server.internal.store.TaskStore;
import dev.agentloop.server.spi.TaskAgents;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's side of the queue: the db-scheduler queue with its K worker threads, the runs on them, and the
 * housekeeping (cancel requests and takeovers checked every watch interval; tasks whose scheduling was lost put back
 * every {@value #SWEEP_SECONDS} s).
 */
public final class Workers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    static final int SWEEP_SECONDS = 30;

    private final TaskQueue queue;
    private final LocalRuns runs;
    private final TaskStore tasks;
    private final ScheduledExecutorService executor;
    private final ServerConfig config;
    private final Clock clock;

    /** What the workers need. */
    public record Parts(
            Db db,
            TaskStore tasks,
            EventStore events,
            ApprovalStore approvals,
            EventJson json,
            SubmissionCodec codec,
            TaskAgents agents,
            RepoSources sources,
            LiveEvents live,
            ServerMetrics metrics,
            ServerConfig config,
            ScheduledExecutorService executor,
            Clock clock) {}

    public Workers(Parts p) {
        this.tasks = Objects.requireNonNull(p.tasks(), "tasks");
        this.executor = p.executor();
        this.config = p.config();
        this.clock = p.clock();
        this.runs = new LocalRuns(p.tasks());
        TaskExecution.Parts parts = new TaskExecution.Parts(
                p.tasks(),
                p.events(),
                p.approvals(),
                p.json(),
                p.codec(),
                p.agents(),
                p.sources(),
                new CheckpointStore(p.db()),
                runs,
                p.live(),
                p.metrics(),
                p.config(),
                p.clock());
        TaskExecution execution = new TaskExecution(parts);
        this.queue = new TaskQueue(
                p.db().dataSource(), p.db().table("server_jobs"), p.config(), p.clock(), execution::execute);
    }

    public TaskQueue queue() {
        return queue;
    }

    /** Tasks running on this process now. */
    public int running() {
        return runs.size();
    }

    /** Starts taking tasks and the housekeeping. */
    public void start() {
        queue.start();
        long watch = config.watchInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> guard("watch", runs::check), watch, watch, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> guard("sweep", this::sweep), 5, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    private void sweep() {
        for (UUID id : tasks.orphans(TaskQueue.JOB, clock.instant().minus(Duration.ofSeconds(SWEEP_SECONDS)))) {
            LOG.warn("Task {} had no queue entry; queued again", id);
            queue.enqueue(id);
        }
    }

    private static void guard(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("Queue housekeeping ({}) failed: {}", what, e.getMessage());
        }
    }

    /** Stops the local runs without ending their tasks (they go back to the queue), then the queue. */
    @Override
    public void close() {
        runs.releaseAll();
        queue.close();
    }
}
