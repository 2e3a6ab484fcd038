package dev.agentloop.core;

/**
 * The library's root exception, split into retriable and non-retriable by {@link #retriable()}: whether the same work
 * may succeed when repeated later (a {@link ModelException} for a rate limit says yes, one for a refused key no). A
 * circuit-breaker trip is never an exception: it is an {@link AgentResult}.
 */
public class AgentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether repeating the same work later may succeed; false unless a subclass knows better. */
    public boolean retriable() {
        return false;
    }
}
