package dev.agentloop.core.spi;

import dev.agentloop.core.AgentException;

/** The failure memory cannot do what was asked (and could not spool it either, for writes). */
public class MemoryException extends AgentException {

    private static final long serialVersionUID = 1L;

    public MemoryException(String message) {
        super(message);
    }

    public MemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
