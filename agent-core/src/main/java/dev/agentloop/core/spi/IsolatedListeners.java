package dev.agentloop.core.spi;

import dev.agentloop.core.event.AgentEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners called one by one, each in its own try: a listener that throws is logged at WARN and the ones after
 * it still get the event. Errors (out of memory and the like) are not caught.
 */
final class IsolatedListeners implements AgentListener {

    private static final Logger LOG = LoggerFactory.getLogger(AgentListener.class);

    private final List<AgentListener> listeners;

    IsolatedListeners(List<AgentListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onEvent(AgentEvent event) {
        for (AgentListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Listener {} failed on {} and was skipped: {}",
                        listener.getClass().getName(),
                        event.getClass().getSimpleName(),
                        e.toString(),
                        e);
            }
        }
    }
}
