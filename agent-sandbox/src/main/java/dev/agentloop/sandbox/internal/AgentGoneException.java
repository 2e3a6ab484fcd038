package dev.agentloop.sandbox.internal;

/** The in-container agent's stream ended: the container stopped or the engine dropped the connection. */
final class AgentGoneException extends Exception {

    private static final long serialVersionUID = 1L;

    AgentGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
