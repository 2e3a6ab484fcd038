package dev.agentloop.core;

/** A failure that may go away when the same call is repeated: a dropped connection, a 429, a timeout. */
public class RetriableAgentException extends AgentException {

    private static final long serialVersionUID = 1L;

    public RetriableAgentException(String message) {
        super(message);
    }

    public RetriableAgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
