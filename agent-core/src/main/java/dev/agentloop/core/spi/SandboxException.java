package dev.agentloop.core.spi;

import dev.agentloop.core.AgentException;

/** The sandbox itself failed: it could not start, its engine went away, its container died. */
public class SandboxException extends AgentException {

    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
