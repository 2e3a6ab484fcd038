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

    void onEvent(AgentEvent event);

    /** Calls each listener in order. */
    static AgentListener all(List<AgentListener> listeners) {
        List<AgentListener> copy = List.copyOf(listeners);
        return event -> copy.forEach(l -> l.onEvent(event));
    }
}
