package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.spi.AgentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to the listener; a listener that throws is logged at WARN and never breaks the run. The listener
 * is usually {@code AgentListener.all}, which also keeps one failing listener from silencing the others.
 */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final AgentListener listener;

    Events(AgentListener listener) {
        this.listener = listener;
    }

    void publish(AgentEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn(
                    "A listener failed on {} and was ignored: {}",
                    event.getClass().getSimpleName(),
                    e.toString(),
                    e);
        }
    }
}
