package dev.agentloop.server.internal.queue;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.Checkpointed;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.server.internal.json.CheckpointJson;
import dev.agentloop.server.internal.json.EventJson;
import dev.agentloop.server.internal.store.CheckpointStore;
import dev.agentloop.server.internal.store.EventStore;
import java.util.Objects;
import java.util.UUID;

/**
 * Stores each event of one attempt, numbered, then wakes this process's live streams of the task. An event that
 * cannot be stored fails the listener call (the loop logs it and goes on); the stream then skips its number. A
 * checkpoint is not an event for the stream: it replaces the task's stored checkpoint instead.
 */
final class EventRecorder implements AgentListener {

    private final EventStore store;
    private final EventJson json;
    private final LiveEvents live;
    private final UUID taskId;
    private final int attempt;
    private final CheckpointStore checkpoints;
    private final CheckpointJson checkpointJson;

    EventRecorder(
            EventStore store,
            EventJson json,
            LiveEvents live,
            UUID taskId,
            int attempt,
            CheckpointStore checkpoints,
            CheckpointJson checkpointJson) {
        this.store = Objects.requireNonNull(store, "store");
        this.json = Objects.requireNonNull(json, "json");
        this.live = Objects.requireNonNull(live, "live");
        this.taskId = Objects.requireNonNull(taskId, "taskId");
        this.attempt = attempt;
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.checkpointJson = Objects.requireNonNull(checkpointJson, "checkpointJson");
    }

    @Override
    public void onEvent(AgentEvent event) {
        if (event instanceof Checkpointed c) {
            checkpoints.save(taskId, attempt, c.iteration(), c.at(), checkpointJson.write(c.checkpoint()));
            return;
        }
        // Sandboxes may publish from their own threads: numbering is per task, so one writer at a time.
        synchronized (this) {
            store.append(taskId, attempt, EventJson.type(event), event.at(), json.write(event));
        }
        live.wake(taskId);
    }
}
