package dev.agentloop.core.spi;

import dev.agentloop.core.event.AgentEvent;
import java.util.List;

/**
 * Receives the loop's typed events: progress displays, JSON logs and metrics are listeners, not code in the loop.
 * Called on the loop's thread, so it should be quick. A listener that throws is logged at WARN and never breaks
 * the run.
 */
@FunctionalInterface
public interface AgentListener {

    /** A listener that ignores everything. */
    AgentListener NONE = event -> {};

    /**
     * Receives one event.
     *
     * @param event the event, never null
     */
    void onEvent(AgentEvent event);

    /**
     * Calls each listener in order, each on its own: one that throws a {@link RuntimeException} is logged at WARN
     * and the listeners after it still get the event.
     *
     * @param listeners the listeners, in calling order; not null and without null elements
     * @return a listener that forwards every event to all of them
     */
    static AgentListener all(List<AgentListener> listeners) {
        return new IsolatedListeners(listeners);
    }
}
