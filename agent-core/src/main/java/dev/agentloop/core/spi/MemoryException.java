package dev.agentloop.core.spi;

import dev.agentloop.core.AgentException;

/** The failure memory cannot do what was asked (and could not spool it either, for writes). */
public class MemoryException extends AgentException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming what the memory could not do.
     *
     * @param message one sentence, the root cause first
     */
    public MemoryException(String message) {
        super(message);
    }

    /**
     * An exception naming what the memory could not do, with its cause.
     *
     * @param message one sentence, the root cause first
     * @param cause the underlying exception
     */
    public MemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
