package dev.agentloop.core;

/**
 * The library's root exception. Subclasses say whether retrying can help ({@link RetriableAgentException}). A
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
}
