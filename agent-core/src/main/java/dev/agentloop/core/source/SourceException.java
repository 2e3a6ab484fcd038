package dev.agentloop.core.source;

import dev.agentloop.core.AgentException;

/**
 * A source could not be opened or handed off: not a folder, not a git repository, an unknown ref, over the size
 * limit, dirty files in the way of an apply. The message is one sentence for a person, saying what to do.
 */
public class SourceException extends AgentException {

    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
