package dev.agentloop.cli.batch;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.event.RunStarted;
import dev.agentloop.core.spi.AgentListener;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which run a thread is working for. Listeners are called on the loop's thread, and so is every model call of that
 * run, so a model shared by the batch's runs can tell whose call it serves: the gold model answers with that
 * instance's patch, the budget stops that run.
 */
final class RunThreads implements AgentListener {

    private final Map<Thread, UUID> runs = new ConcurrentHashMap<>();

    @Override
    public void onEvent(AgentEvent event) {
        if (event instanceof RunStarted) {
            runs.put(Thread.currentThread(), event.taskId());
        } else if (event instanceof RunFinished) {
            runs.remove(Thread.currentThread(), event.taskId());
        }
    }

    /** The run the calling thread works for, if any. */
    Optional<UUID> current() {
        return Optional.ofNullable(runs.get(Thread.currentThread()));
    }
}
