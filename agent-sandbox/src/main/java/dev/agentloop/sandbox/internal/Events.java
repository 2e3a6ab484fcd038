package dev.agentloop.sandbox.internal;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.spi.AgentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes to a listener; a listener that throws is logged at WARN and never breaks the sandbox. */
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
            LOG.warn("A listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
        }
    }
}
