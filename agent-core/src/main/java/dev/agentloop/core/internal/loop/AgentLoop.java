package dev.agentloop.core.internal.loop;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Task;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** One run of the loop for one task. */
public final class AgentLoop {

    private final LoopDependencies deps;
    private final Task task;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public AgentLoop(LoopDependencies deps, Task task) {
        this.deps = deps;
        this.task = task;
    }

    /** Asks the run to stop; true the first time. */
    public boolean cancel() {
        return cancelled.compareAndSet(false, true);
    }

    public AgentResult run() {
        return new AgentResult.Failed(
                task.id(),
                "The loop is not implemented yet.",
                null,
                0,
                0,
                0,
                Duration.ZERO,
                deps.workspaceRoot().resolve(task.id().toString()));
    }
}
