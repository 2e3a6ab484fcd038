package dev.agentloop.server.internal.queue;

import dev.agentloop.core.AgentRun;
import dev.agentloop.server.TaskState;
import dev.agentloop.server.internal.store.TaskStore;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs on this process. {@link #check()} (called every watch interval) looks at their rows: a cancel asked
 * through any server's API cancels the run here; a task that another attempt now owns (this worker was taken for
 * dead) is abandoned at once, so that two workers never go on with one task.
 */
final class LocalRuns {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuns.class);

    /** One run here. */
    static final class Local {
        final UUID taskId;
        final int attempt;
        final AgentRun run;
        volatile boolean cancelRequested;
        volatile boolean abandoned;
        volatile boolean released;

        Local(UUID taskId, int attempt, AgentRun run) {
            this.taskId = taskId;
            this.attempt = attempt;
            this.run = run;
        }
    }

    private final Map<UUID, Local> runs = new ConcurrentHashMap<>();
    private final TaskStore store;

    LocalRuns(TaskStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    Local add(UUID taskId, int attempt, AgentRun run) {
        Local local = new Local(taskId, attempt, run);
        runs.put(taskId, local);
        return local;
    }

    void remove(Local local) {
        runs.remove(local.taskId, local);
    }

    int size() {
        return runs.size();
    }

    /** Looks at every local run's row once. */
    void check() {
        // the runs first, then their rows: a run is added after its claim is stored, so each row read shows it
        java.util.List<Local> snapshot = java.util.List.copyOf(runs.values());
        if (snapshot.isEmpty()) {
            return;
        }
        Map<UUID, TaskStore.Ownership> owners =
                store.ownership(snapshot.stream().map(l -> l.taskId).toList());
        for (Local local : snapshot) {
            TaskStore.Ownership owner = owners.get(local.taskId);
            if (owner == null || owner.attempt() != local.attempt || owner.status() != TaskState.RUNNING) {
                if (!local.abandoned) {
                    LOG.warn(
                            "Task {} attempt {} is no longer this worker's (now attempt {}, {}): stopping it here",
                            local.taskId,
                            local.attempt,
                            owner == null ? "-" : owner.attempt(),
                            owner == null ? "deleted" : owner.status().id());
                    local.abandoned = true;
                    local.run.cancel();
                }
            } else if (owner.cancelRequested() && !local.cancelRequested) {
                LOG.info("Task {} cancelled through the API", local.taskId);
                local.cancelRequested = true;
                local.run.cancel();
            }
        }
    }

    /** Stops every local run without ending its task: the tasks go back to the queue (this process is closing). */
    void releaseAll() {
        for (Local local : runs.values()) {
            local.released = true;
            local.run.cancel();
        }
    }
}
