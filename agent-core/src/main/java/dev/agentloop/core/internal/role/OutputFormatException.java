package dev.agentloop.core.internal.role;

/** A model answer is not the JSON asked for; the message says what is wrong, for the repair request. */
public final class OutputFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public OutputFormatException(String message) {
        super(message, null, false, false);
    }
}
