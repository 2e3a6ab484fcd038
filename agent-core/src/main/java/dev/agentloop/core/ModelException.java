package dev.agentloop.core;

import java.util.Objects;

/**
 * A model call failed for good, after the model's own retries: the endpoint refused the key, kept answering 429,
 * timed out, or could not be reached. {@link AgentResult.Failed#cause()} is one of these when a model call ended the
 * run; its message is one sentence naming the role and what went wrong, its cause the model client's exception.
 */
public class ModelException extends AgentException {

    private static final long serialVersionUID = 1L;

    /** The role whose call failed. */
    private final Role role;
    /** Whether a later retry may succeed. */
    private final boolean retriable;

    /**
     * A failure that retrying later cannot help (a refused key, an unknown model, a bad request).
     *
     * @param role the role whose call failed, never null
     * @param message one sentence for a person, never null
     * @param cause the model client's exception, or null
     */
    public ModelException(Role role, String message, Throwable cause) {
        this(role, message, cause, false);
    }

    /**
     * @param role the role whose call failed, never null
     * @param message one sentence for a person, never null
     * @param cause the model client's exception, or null
     * @param retriable whether the same call may succeed later (rate limit, timeout, server error, unreachable)
     */
    public ModelException(Role role, String message, Throwable cause, boolean retriable) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.role = Objects.requireNonNull(role, "role");
        this.retriable = retriable;
    }

    /** Whether the same call may succeed later: a rate limit, a timeout, a server error, an unreachable endpoint. */
    @Override
    public boolean retriable() {
        return retriable;
    }

    /** {@return the role whose model call failed} */
    public Role role() {
        return role;
    }
}
