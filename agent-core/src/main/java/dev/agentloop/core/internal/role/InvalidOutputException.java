package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;

/**
 * A role's answer was not the JSON asked for, even after one repair request. Ends the iteration as
 * {@code INVALID_MODEL_OUTPUT}; the message is one sentence naming the role and the problem.
 */
public final class InvalidOutputException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Role role;

    InvalidOutputException(Role role, String problem) {
        super(
                "The " + role.id() + "'s answer was not the JSON asked for, even after one repair request: " + problem
                        + ".",
                null,
                false,
                false);
        this.role = role;
    }

    public Role role() {
        return role;
    }
}
