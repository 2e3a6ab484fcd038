package dev.agentloop.core.testing;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.spi.AgentListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event, in order. Thread-safe. */
public final class RecordingListener implements AgentListener {

    private final List<AgentEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(AgentEvent event) {
        events.add(event);
    }

    public synchronized List<AgentEvent> events() {
        return List.copyOf(events);
    }

    public synchronized <T extends AgentEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The simple class names of the events, in order; handy for order assertions. */
    public synchronized List<String> names() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }
}
