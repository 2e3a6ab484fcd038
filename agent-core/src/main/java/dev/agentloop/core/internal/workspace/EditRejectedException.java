package dev.agentloop.core.internal.workspace;

import dev.agentloop.core.AgentException;

/**
 * An edit was not applied, and nothing of its batch was: its path escapes the workspace, or its diff does not fit the
 * file. The message names the path and is fed back to the model.
 */
public final class EditRejectedException extends AgentException {

    private static final long serialVersionUID = 1L;

    private final boolean escape;

    public EditRejectedException(String message, boolean escape) {
        super(message);
        this.escape = escape;
    }

    /** True when the path would escape the workspace (a safety block), false for a diff that does not apply. */
    public boolean isEscape() {
        return escape;
    }
}
