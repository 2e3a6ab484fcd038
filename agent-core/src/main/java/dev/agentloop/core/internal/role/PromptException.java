package dev.agentloop.core.internal.role;

import dev.agentloop.core.AgentException;

/** A prompt template is missing or uses a variable the loop does not fill; the message names the file. */
public final class PromptException extends AgentException {

    private static final long serialVersionUID = 1L;

    public PromptException(String message) {
        super(message);
    }
}
