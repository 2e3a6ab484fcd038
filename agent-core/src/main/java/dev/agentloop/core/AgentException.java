package dev.agentloop.core;

/**
 * The library's root exception, split into retriable and non-retriable by {@link #retriable()}: whether the same work
 * may succeed when repeated later (a {@link ModelException} for a rate limit says yes, one for a refused key no). A
 * circuit-breaker trip is never an exception: it is an {@link AgentResult}.
 */
public class AgentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message that names what went wrong.
     *
     * @param message one sentence, the root cause first
     */
    public AgentException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the exception that caused it.
     *
     * @param message one sentence, the root cause first
     * @param cause the underlying exception
     */
    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@return whether repeating the same work later may succeed; false unless a subclass knows better} */
    public boolean retriable() {
        return false;
    }
}
