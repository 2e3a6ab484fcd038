package dev.agentloop.core.source;

import dev.agentloop.core.AgentException;

/**
 * A source could not be opened or handed off: not a folder, not a git repository, an unknown ref, over the size
 * limit, dirty files in the way of an apply. The message is one sentence for a person, saying what to do.
 */
public class SourceException extends AgentException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming what is wrong with the source.
     *
     * @param message one sentence, the root cause first
     */
    public SourceException(String message) {
        super(message);
    }

    /**
     * An exception naming what is wrong with the source, with its cause.
     *
     * @param message one sentence, the root cause first
     * @param cause the underlying exception
     */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
