package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.AgentException;

/** The repository map cannot be built: its root cannot be read, or its parser cannot run. */
public class RepoMapException extends AgentException {

    private static final long serialVersionUID = 1L;

    public RepoMapException(String message) {
        super(message);
    }

    public RepoMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
