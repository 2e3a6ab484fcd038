package dev.agentloop.core;

import java.util.Objects;

/**
 * A model call failed for good, after the model's own retries: the endpoint refused the key, kept answering 429,
 * timed out, or could not be reached. {@link AgentResult.Failed#cause()} is one of these when a model call ended the
 * run; its message is one sentence naming the role and what went wrong, its cause the model client's exception.
 */
public class ModelException extends AgentException {

    private static final long serialVersionUID = 1L;

    private final Role role;

    /**
     * @param role the role whose call failed, never null
     * @param message one sentence for a person, never null
     * @param cause the model client's exception, or null
     */
    public ModelException(Role role, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.role = Objects.requireNonNull(role, "role");
    }

    /** The role whose model call failed. */
    public Role role() {
        return role;
    }
}
