package dev.agentloop.server.internal.queue;

import java.util.UUID;

/** Told when a task has new events in the database, so that live streams on this process deliver them at once. */
@FunctionalInterface
public interface LiveEvents {

    LiveEvents NONE = taskId -> {};

    void wake(UUID taskId);
}
