package dev.agentloop.core.spi;

import dev.agentloop.core.AgentException;

/** The sandbox itself failed: it could not start, its engine went away, its container died. */
public class SandboxException extends AgentException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming what the sandbox could not do.
     *
     * @param message one sentence, the root cause first
     */
    public SandboxException(String message) {
        super(message);
    }

    /**
     * An exception naming what the sandbox could not do, with its cause.
     *
     * @param message one sentence, the root cause first
     * @param cause the underlying exception
     */
    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
